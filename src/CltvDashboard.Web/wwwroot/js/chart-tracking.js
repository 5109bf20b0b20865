// Tracking charts: every <canvas data-chart="tracking" data-source="id-of-json-block">, a line per series over
// periods, with the holdout shaded from the period index in the nearest data-holdout-from attribute onwards.
(function () {
    "use strict";
    const charts = window.CltvCharts;
    const shade = "rgba(86, 180, 233, 0.15)"; // Okabe–Ito sky blue, faint enough to read the lines through

    // Draws the holdout band behind the lines and names it at its top.
    const holdoutBand = {
        id: "holdoutBand",
        beforeDatasetsDraw(chart, args, options) {
            const from = options.from;
            const count = chart.data.labels.length;
            if (from === undefined || from >= count) {
                return;
            }
            const x = chart.scales.x;
            const area = chart.chartArea;
            const left = from > 0 ? (x.getPixelForValue(from - 1) + x.getPixelForValue(from)) / 2 : area.left;
            const ctx = chart.ctx;
            ctx.save();
            ctx.fillStyle = shade;
            ctx.fillRect(left, area.top, area.right - left, area.bottom - area.top);
            ctx.strokeStyle = "#000000";
            ctx.setLineDash([4, 4]);
            ctx.beginPath();
            ctx.moveTo(left, area.top);
            ctx.lineTo(left, area.bottom);
            ctx.stroke();
            ctx.setLineDash([]);
            ctx.fillStyle = "#000000";
            ctx.textBaseline = "top";
            ctx.fillText("holdout", left + 4, area.top + 4);
            ctx.restore();
        },
    };

    document.querySelectorAll("canvas[data-chart='tracking']").forEach((canvas) => {
        const spec = charts.read(canvas);
        if (!spec) {
            return;
        }
        const holder = canvas.closest("[data-holdout-from]");
        const from = holder ? Number(holder.dataset.holdoutFrom) : undefined;
        const formatter = charts.format(spec.format, spec.currency);
        const options = charts.base(spec);
        options.scales = {
            x: charts.axis(spec.x, null, { ticks: { maxTicksLimit: 12, callback: (value, index) => spec.labels[index].replace(" (holdout)", "") } }),
            y: charts.axis(spec.y, formatter, { beginAtZero: true }),
        };
        options.plugins.holdoutBand = { from: from };
        options.plugins.tooltip = { callbacks: { label: (item) => `${item.dataset.label}: ${formatter(item.parsed.y)}` } };
        new window.Chart(canvas, {
            type: "line",
            plugins: [holdoutBand],
            data: {
                labels: spec.labels,
                datasets: spec.series.map((series, index) => ({
                    label: series.label,
                    data: series.values,
                    borderColor: charts.palette[index % charts.palette.length],
                    backgroundColor: charts.palette[index % charts.palette.length],
                    borderDash: index === 1 ? [6, 3] : [],
                    pointRadius: 0,
                })),
            },
            options: options,
        });
    });
})();
