// The navigation folds behind a Menu button on narrow screens (the breakpoint lives in site.css). Without script
// the button stays hidden and the links wrap under the brand, so nothing is ever out of reach.
(function () {
    "use strict";
    const button = document.getElementById("menu-button");
    const menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) {
        return;
    }
    const header = button.closest("header");
    const setOpen = open => {
        button.setAttribute("aria-expanded", String(open));
        header.classList.toggle("menu-open", open);
    };
    header.classList.add("menu-ready");
    button.hidden = false;
    button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
    // Escape closes the open menu from anywhere in it and gives the focus back to the button that opened it.
    header.addEventListener("keydown", event => {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
            setOpen(false);
            button.focus();
        }
    });
})();
