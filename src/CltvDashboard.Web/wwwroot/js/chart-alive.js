// P(alive) curves: every <canvas data-chart="alive" data-source="id-of-json-block">. The labels are ISO days; the
// first series is P(alive) on each of them, drawn as a line on a 0–100 % axis; the second marks the purchase days with
// their amounts on the right axis, as points only, so the reader sees each purchase lift the curve and the silence
// after it wear it down. The day axis is linear in time: the days sampled around purchases are denser than the rest,
// and a category axis would stretch those stretches of time.
(function () {
    "use strict";
    const charts = window.CltvCharts;
    const dayMs = 86400000;
    const isoDay = (day) => new Date(day * dayMs).toISOString().slice(0, 10);

    document.querySelectorAll("canvas[data-chart='alive']").forEach((canvas) => {
        const spec = charts.read(canvas);
        if (!spec || spec.series.length === 0 || spec.labels.length === 0) {
            return;
        }
        const days = spec.labels.map((label) => Date.parse(label) / dayMs);
        const points = (values) => values.map((value, index) => ({ x: days[index], y: value })).filter((point) => point.y !== null);
        const formatter = charts.format(spec.format, spec.currency);
        const formatter2 = charts.format(spec.format2, spec.currency);
        const options = charts.base(spec);
        options.scales = {
            x: charts.axis(spec.x, isoDay, { type: "linear", min: days[0], max: days[days.length - 1] }),
            y: charts.axis(spec.y, formatter, { min: 0, max: 1 }),
        };
        options.scales.x.ticks.maxTicksLimit = 10;
        if (spec.y2) {
            options.scales.y2 = charts.axis(spec.y2, formatter2, { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } });
        }
        options.plugins.legend = { display: true, position: "bottom" };
        options.plugins.tooltip = {
            callbacks: {
                title: (items) => (items.length ? isoDay(items[0].parsed.x) : ""),
                label: (item) => `${item.dataset.label}: ${(item.dataset.yAxisID === "y2" ? formatter2 : formatter)(item.parsed.y)}`,
            },
        };
        const [alive, ...purchases] = spec.series;
        new window.Chart(canvas, {
            type: "line",
            data: {
                datasets: [
                    {
                        label: alive.label,
                        data: points(alive.values),
                        yAxisID: "y",
                        borderColor: charts.palette[0],
                        backgroundColor: charts.palette[0],
                        pointRadius: 0,
                        borderWidth: 2,
                    },
                ].concat(purchases.map((series, index) => ({
                    label: series.label,
                    data: points(series.values),
                    yAxisID: series.axis || "y2",
                    showLine: false,
                    clip: false,
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
