// Bar charts: every <canvas data-chart="bar" data-source="id-of-json-block">.
(function () {
    "use strict";
    const charts = window.CltvCharts;
    document.querySelectorAll("canvas[data-chart='bar']").forEach((canvas) => {
        const spec = charts.read(canvas);
        if (!spec) {
            return;
        }
        const formatter = charts.format(spec.format, spec.currency);
        const horizontal = !!spec.horizontal;
        const options = charts.base(spec);
        options.indexAxis = horizontal ? "y" : "x";
        const valueAxis = charts.axis(spec.y, formatter, { beginAtZero: true });
        const categoryAxis = charts.axis(spec.x);
        options.scales = horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis };
        options.plugins.tooltip = { callbacks: { label: (item) => `${item.dataset.label}: ${formatter(item.parsed[horizontal ? "x" : "y"])}` } };
        new window.Chart(canvas, {
            type: "bar",
            data: {
                labels: spec.labels,
                datasets: spec.series.map((series, index) => ({
                    label: series.label,
                    data: series.values,
                    backgroundColor: charts.colour(index, spec.series.length, spec.sequential),
                })),
            },
            options: options,
        });
    });
})();
