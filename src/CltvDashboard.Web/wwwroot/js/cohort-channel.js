// The cohorts page's channel selector: choosing a channel shows it at once; the form's button stays for browsers without script.
(function () {
    "use strict";
    const select = document.getElementById("channel-select");
    if (!select || !select.form) {
        return;
    }
    // Removed rather than hidden: the site's button style would override the hidden attribute.
    const button = select.form.querySelector("button[type='submit']");
    if (button) {
        button.remove();
    }
    select.addEventListener("change", () => select.form.requestSubmit());
})();
