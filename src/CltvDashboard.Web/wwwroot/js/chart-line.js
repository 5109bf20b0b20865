// Line charts: every <canvas data-chart="line" data-source="id-of-json-block">; a series may name its own axis ("y" or "y2").
(function () {
    "use strict";
    const charts = window.CltvCharts;
    document.querySelectorAll("canvas[data-chart='line']").forEach((canvas) => {
        const spec = charts.read(canvas);
        if (!spec) {
            return;
        }
        const formatter = charts.format(spec.format, spec.currency);
        const formatter2 = charts.format(spec.format2, spec.currency);
        const options = charts.base(spec);
        options.scales = { x: charts.axis(spec.x), y: charts.axis(spec.y, formatter, { beginAtZero: true }) };
        if (spec.y2) {
            options.scales.y2 = charts.axis(spec.y2, formatter2, { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } });
        }
        options.plugins.tooltip = {
            callbacks: { label: (item) => `${item.dataset.label}: ${(item.dataset.yAxisID === "y2" ? formatter2 : formatter)(item.parsed.y)}` },
        };
        new window.Chart(canvas, {
            type: "line",
            data: {
                labels: spec.labels,
                datasets: spec.series.map((series, index) => ({
                    label: series.label,
                    data: series.values,
                    yAxisID: series.axis || "y",
                    borderColor: charts.colour(index, spec.series.length, spec.sequential),
                    backgroundColor: charts.colour(index, spec.series.length, spec.sequential),
                    pointRadius: spec.labels.length > 60 ? 0 : 3,
                    stepped: !!series.stepped,
                    spanGaps: true,
                })),
            },
            options: options,
        });
    });
})();
