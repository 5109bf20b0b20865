// Polls the import's status endpoint, then the recalculation's, and shows both as progress bars.
(function () {
    "use strict";
    const root = document.getElementById("import-progress");
    if (!root) {
        return;
    }

    const importBar = document.getElementById("import-bar");
    const importText = document.getElementById("import-text");
    const runBar = document.getElementById("run-bar");
    const runText = document.getElementById("run-text");
    const reportLink = document.getElementById("report-link");
    const reportAnchor = document.getElementById("report-anchor");
    const verb = document.getElementById("progress-verb");
    const done = document.getElementById("import-done");
    const doneText = document.getElementById("done-text");
    let imported = null;
    const pollEveryMs = 750;

    async function getJson(url) {
        const response = await fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" });
        if (!response.ok) {
            throw new Error("HTTP " + response.status);
        }
        return response.json();
    }

    function showReport(batchId) {
        reportAnchor.href = root.dataset.reportUrl + batchId;
        reportLink.hidden = false;
    }

    async function pollRun(runId) {
        try {
            const run = await getJson(root.dataset.runUrl + runId + "/status");
            runBar.value = run.status === "Succeeded" ? 100 : run.percentComplete;
            if (run.status === "Succeeded") {
                runText.textContent = "Recalculation finished.";
                finish("The dashboards now show run #" + run.id + ", computed with this import.");
                refreshRunBar();
                return;
            }
            if (run.status === "Superseded") {
                runText.textContent = "A newer recalculation took over from this one.";
                finish("A newer recalculation includes this import; the dashboards show it once it is done.");
                return;
            }
            if (run.status === "Failed" || run.status === "Cancelled") {
                runText.textContent = "Recalculation " + run.status.toLowerCase() + (run.error ? ": " + run.error : ".");
                finish("The recalculation did not complete, so the dashboards still show the run before; the import itself is stored.");
                return;
            }
            runText.textContent = (run.stage || run.status) + " – " + run.percentComplete + " %";
        } catch (e) {
            runText.textContent = "Waiting for the recalculation…";
        }
        setTimeout(() => pollRun(runId), pollEveryMs);
    }

    // The bar at the top was rendered for the run before the import: take the server's new one, so that "Data up to"
    // names the data just imported.
    async function refreshRunBar() {
        const current = document.querySelector(".runbar");
        try {
            const response = await fetch(location.href, { credentials: "same-origin" });
            const fresh = new DOMParser().parseFromString(await response.text(), "text/html").querySelector(".runbar");
            if (current && fresh) {
                current.replaceWith(fresh);
            }
        } catch (e) {
            // The old bar stays; the dashboards show the new run either way.
        }
    }

    // The end of the journey: what the import did, and the way to the results.
    function finish(aboutRun) {
        verb.textContent = "Imported";
        const count = (n, one, many) => n.toLocaleString() + " " + (n === 1 ? one : many);
        const lines = imported.linesUsed.toLocaleString() + " of " + count(imported.rowsRead, "line", "lines") + " used, "
            + count(imported.transactionsImported, "transaction", "transactions") + " added"
            + (imported.linesRejected > 0 ? ", " + count(imported.linesRejected, "line", "lines") + " rejected (see the report)" : "") + ". ";
        doneText.textContent = lines + aboutRun;
        done.hidden = false;
    }

    async function pollImport() {
        let status;
        try {
            status = await getJson(root.dataset.statusUrl);
        } catch (e) {
            importText.textContent = "The import's progress is not available here; see the import history.";
            return;
        }

        importBar.value = status.state === "Succeeded" ? 100 : status.percent;
        if (status.state === "Succeeded") {
            importText.textContent = "Import finished: " + status.rowsRead.toLocaleString() + " lines read.";
            imported = status;
            showReport(status.batchId);
            if (status.runId) {
                runText.textContent = "Queued…";
                pollRun(status.runId);
            } else {
                runText.textContent = "No recalculation could be requested; the next nightly or manual run includes this import.";
                finish("The dashboards show the run before until the next recalculation.");
            }
            return;
        }
        if (status.state === "Failed") {
            importText.textContent = "Import failed: " + status.error;
            importText.classList.add("error-text");
            runText.textContent = "Nothing to recalculate.";
            verb.textContent = "Could not import";
            if (status.canRetry) {
                document.getElementById("retry-link").hidden = false;
            }
            return;
        }
        importText.textContent = status.state === "Queued"
            ? "Waiting in the queue…"
            : status.state + " – " + status.rowsRead.toLocaleString() + " rows, " + status.percent + " %";
        setTimeout(pollImport, pollEveryMs);
    }

    pollImport();
})();
