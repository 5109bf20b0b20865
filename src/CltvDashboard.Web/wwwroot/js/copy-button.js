// "Copy" buttons: <button data-copy="id-of-element"> copies that element's text and says "Copied" beside it. The
// clipboard API needs a secure context (HTTPS or localhost); elsewhere the text is selected for Ctrl+C instead.
(function () {
    "use strict";
    document.querySelectorAll("button[data-copy]").forEach((button) => {
        const source = document.getElementById(button.dataset.copy);
        const said = button.parentElement.querySelector(".copied");
        if (!source) {
            return;
        }

        function select() {
            const range = document.createRange();
            range.selectNodeContents(source);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }

        function say(text) {
            if (said) {
                said.textContent = text;
            }
        }

        button.hidden = false;
        button.addEventListener("click", async () => {
            if (navigator.clipboard && window.isSecureContext) {
                try {
                    await navigator.clipboard.writeText(source.textContent.trim());
                    say("Copied");
                    return;
                } catch (e) {
                    // Refused (no permission): fall through to the selection.
                }
            }
            select();
            say(document.execCommand && document.execCommand("copy") ? "Copied" : "Selected: press Ctrl+C (⌘C) to copy");
        });
    });
})();
