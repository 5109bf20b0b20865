// P(alive) curves: every <canvas data-chart="alive" data-source="id-of-json-block">. The first series is P(alive)
// day by day, drawn as a line on a 0–100 % axis; the second marks the purchase days with their amounts on the right
// axis, as points only, so the reader sees each purchase lift the curve and the silence after it wear it down.
(function () {
    "use strict";
    const charts = window.CltvCharts;
    document.querySelectorAll("canvas[data-chart='alive']").forEach((canvas) => {
        const spec = charts.read(canvas);
        if (!spec || spec.series.length === 0) {
            return;
        }
        const formatter = charts.format(spec.format, spec.currency);
        const formatter2 = charts.format(spec.format2, spec.currency);
        const options = charts.base(spec);
        options.scales = {
            x: charts.axis(spec.x, null, { ticks: { maxTicksLimit: 12, autoSkip: true } }),
            y: charts.axis(spec.y, formatter, { min: 0, max: 1 }),
        };
        if (spec.y2) {
            options.scales.y2 = charts.axis(spec.y2, formatter2, { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } });
        }
        options.plugins.legend = { display: true, position: "bottom" };
        options.plugins.tooltip = {
            callbacks: { label: (item) => `${item.dataset.label}: ${(item.dataset.yAxisID === "y2" ? formatter2 : formatter)(item.parsed.y)}` },
        };
        const [alive, ...purchases] = spec.series;
        new window.Chart(canvas, {
            type: "line",
            data: {
                labels: spec.labels,
                datasets: [
                    {
                        label: alive.label,
                        data: alive.values,
                        yAxisID: "y",
                        borderColor: charts.palette[0],
                        backgroundColor: charts.palette[0],
                        pointRadius: 0,
                        borderWidth: 2,
                        tension: 0,
                    },
                ].concat(purchases.map((series, index) => ({
                    label: series.label,
                    data: series.values,
                    yAxisID: series.axis || "y2",
                    showLine: false,
                    pointStyle: "triangle",
                    pointRadius: 6,
                    borderColor: charts.palette[(index + 1) % charts.palette.length],
                    backgroundColor: charts.palette[(index + 1) % charts.palette.length],
                }))),
            },
            options: options,
        });
    });
})();
