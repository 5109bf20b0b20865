// Shared pieces of the dashboard charts: the Okabe–Ito palette (safe for colour-blind readers), number formats
// and reading a chart's JSON from its <script type="application/json"> block.
(function () {
    "use strict";
    const palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    function format(kind, currency) {
        const locale = document.documentElement.lang || undefined;
        if (kind === "money" && currency) {
            const money = new Intl.NumberFormat(locale, { style: "currency", currency: currency, maximumFractionDigits: 0 });
            return (value) => money.format(value);
        }
        if (kind === "percent") {
            const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
            return (value) => percent.format(value);
        }
        const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
        return (value) => number.format(value);
    }

    function read(canvas) {
        const source = document.getElementById(canvas.dataset.source);
        return source ? JSON.parse(source.textContent) : null;
    }

    function axis(title, formatter, extra) {
        return Object.assign({
            title: { display: !!title, text: title },
            ticks: formatter ? { callback: (value) => formatter(value) } : {},
        }, extra || {});
    }

    function base(spec) {
        return {
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            plugins: {
                title: { display: true, text: spec.title, font: { size: 14 } },
                legend: { display: spec.series.length > 1, position: "bottom" },
            },
        };
    }

    window.CltvCharts = { palette: palette, format: format, read: read, axis: axis, base: base };
})();
