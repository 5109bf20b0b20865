// Sends the upload form with XMLHttpRequest so that the transfer shows a progress bar; the server's answer
// (a redirect to the review page, or the form again with a message) then replaces the page as a normal post would.
(function () {
    "use strict";
    const form = document.getElementById("upload-form");
    if (!form || !window.FormData) {
        return;
    }

    const bar = document.getElementById("upload-bar");
    const text = document.getElementById("upload-text");

    form.addEventListener("submit", function (event) {
        event.preventDefault();
        const request = new XMLHttpRequest();
        request.open("POST", form.action);
        request.upload.addEventListener("progress", function (progress) {
            if (progress.lengthComputable) {
                const percent = Math.floor(progress.loaded * 100 / progress.total);
                bar.value = percent;
                text.textContent = "Uploading… " + percent + " %";
            }
        });
        request.addEventListener("load", function () {
            if (request.responseURL && new URL(request.responseURL).pathname !== new URL(form.action, location.href).pathname) {
                location.assign(request.responseURL);
                return;
            }
            document.open();
            document.write(request.responseText);
            document.close();
        });
        request.addEventListener("error", function () {
            text.textContent = "The upload was interrupted; try again.";
            text.classList.add("error-text");
            form.querySelector("button[type=submit]").disabled = false;
        });
        bar.hidden = false;
        text.hidden = false;
        text.textContent = "Uploading…";
        form.querySelector("button[type=submit]").disabled = true;
        request.send(new FormData(form));
    });
})();
