// A table wider than the screen scrolls inside its .table-wrap box. Keyboard users can only scroll a box that takes
// the focus, so a box that overflows is made focusable and named after its table; one that fits stays out of the
// tab order. Checked again whenever a box changes size (a phone turned, a window resized).
(function () {
    "use strict";
    const boxes = document.querySelectorAll(".table-wrap");
    if (boxes.length === 0) {
        return;
    }
    const nameOf = box => {
        const table = box.querySelector("table");
        const caption = table && table.caption;
        if (caption && caption.textContent.trim()) {
            return caption.textContent.trim();
        }
        const section = box.closest("section, figure");
        const heading = section && section.querySelector("h1, h2, h3, figcaption");
        return heading ? heading.textContent.trim() : "Table";
    };
    const update = box => {
        if (box.scrollWidth > box.clientWidth + 1) {
            box.tabIndex = 0;
            box.setAttribute("role", "region");
            box.setAttribute("aria-label", nameOf(box) + " (scrolls sideways)");
        } else {
            box.removeAttribute("tabindex");
            box.removeAttribute("role");
            box.removeAttribute("aria-label");
        }
    };
    boxes.forEach(update);
    if ("ResizeObserver" in window) {
        const observer = new ResizeObserver(entries => entries.forEach(entry => update(entry.target)));
        boxes.forEach(box => observer.observe(box));
    }
})();
