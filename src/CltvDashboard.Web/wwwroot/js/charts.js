// Shared pieces of the dashboard charts: the Okabe–Ito palette (safe for colour-blind readers), number formats
// and reading a chart's JSON from its <script type="application/json"> block.
(function () {
    "use strict";
    const palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
    // Viridis from dark purple to green, stopping before its yellow end, which is too pale on white: a sequential
    // scale that colour-blind readers can follow and that never runs out, for series in an order (cohorts by age).
    const sequential = [[68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142], [31, 158, 137], [53, 183, 121], [109, 205, 89]];

    function interpolate(position) {
        const scaled = position * (sequential.length - 1);
        const low = Math.floor(scaled);
        const high = Math.min(sequential.length - 1, low + 1);
        const t = scaled - low;
        const channel = (i) => Math.round(sequential[low][i] + (sequential[high][i] - sequential[low][i]) * t);
        return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
    }

    // The colour of series index of count: the palette's eight, then hues spread by the golden angle so that no two
    // repeat; or, for a sequential spec, evenly spaced along the scale (oldest darkest).
    function colour(index, count, isSequential) {
        if (isSequential) {
            return interpolate(count <= 1 ? 0 : index / (count - 1));
        }
        if (index < palette.length) {
            return palette[index];
        }
        return `hsl(${Math.round((index * 137.508) % 360)}, 65%, 42%)`;
    }

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

    window.CltvCharts = { palette: palette, colour: colour, format: format, read: read, axis: axis, base: base };
})();
