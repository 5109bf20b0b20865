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

    const input = form.querySelector("input[type=file]");
    const maxBytes = Number(input && input.dataset.maxBytes);

    function refuse(message) {
        text.textContent = message;
        text.classList.add("error-text");
        text.hidden = false;
        bar.hidden = true;
        form.querySelector("button[type=submit]").disabled = false;
    }

    // A file over the limit is refused before a byte is sent: the server would refuse it only after the transfer.
    function tooLarge() {
        const file = input && input.files && input.files[0];
        if (!file || !maxBytes || file.size <= maxBytes) {
            return false;
        }
        refuse("The file (" + Math.round(file.size / 1048576).toLocaleString() + " MB) is larger than the limit of "
            + input.dataset.maxMegabytes + " MB, so it cannot be uploaded. Export a shorter period or split the file, and upload each part.");
        return true;
    }

    if (input) {
        input.addEventListener("change", function () {
            text.classList.remove("error-text");
            text.hidden = !tooLarge();
        });
    }

    form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (tooLarge()) {
            return;
        }
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
            if (request.status >= 400 && !request.responseText) {
                refuse("The server refused the upload (HTTP " + request.status + "); nothing was uploaded.");
                return;
            }
            document.open();
            document.write(request.responseText);
            document.close();
        });
        request.addEventListener("error", function () {
            refuse("The upload was interrupted; try again.");
        });
        bar.hidden = false;
        text.hidden = false;
        text.classList.remove("error-text");
        text.textContent = "Uploading…";
        form.querySelector("button[type=submit]").disabled = true;
        request.send(new FormData(form));
    });
})();
