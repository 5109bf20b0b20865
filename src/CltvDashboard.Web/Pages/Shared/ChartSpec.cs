using CltvDashboard.Infrastructure.Queries;

namespace CltvDashboard.Web.Pages.Shared;

/// <summary>
/// A chart as <c>wwwroot/js/chart-*.js</c> draws it, serialised into a <c>&lt;script type="application/json"&gt;</c>
/// block; the same values fill the table that screen readers get.
/// </summary>
/// <param name="Title">The chart's title.</param>
/// <param name="X">The category axis' label.</param>
/// <param name="Y">The value axis' label.</param>
/// <param name="Labels">The categories.</param>
/// <param name="Series">One or more value series, one value per category (null for a gap).</param>
/// <param name="Format">How values read: <c>money</c>, <c>percent</c> or <c>number</c>.</param>
/// <param name="Currency">The currency of <c>money</c> values.</param>
public sealed record ChartSpec(
    string Title,
    string X,
    string Y,
    IReadOnlyList<string> Labels,
    IReadOnlyList<ChartSeries> Series,
    string Format = "number",
    string? Currency = null)
{
    /// <summary>Bars run horizontally (long category names).</summary>
    public bool Horizontal { get; init; }

    /// <summary>The label of a second value axis on the right (line charts), for series with <see cref="ChartSeries.Axis"/> <c>y2</c>.</summary>
    public string? Y2 { get; init; }

    /// <summary>How values on the second axis read.</summary>
    public string Format2 { get; init; } = "number";

    /// <summary>
    /// The series are in an order (cohorts by age): coloured along one sequential scale, oldest darkest, so that any
    /// number of them stay apart and the legend reads in order, rather than by the eight colours of the palette.
    /// </summary>
    public bool Sequential { get; init; }
}

/// <summary>One series of a chart.</summary>
/// <param name="Label">Its legend label.</param>
/// <param name="Values">One value per category.</param>
/// <param name="Axis">The value axis, <c>y</c> or <c>y2</c>.</param>
public sealed record ChartSeries(string Label, IReadOnlyList<double?> Values, string Axis = "y");

/// <summary>A chart to render with <c>_Chart.cshtml</c>.</summary>
/// <param name="Id">A page-unique id.</param>
/// <param name="Kind"><c>bar</c> or <c>line</c>: the script that draws it.</param>
/// <param name="Spec">What to draw.</param>
/// <param name="Format">Formats the fallback table.</param>
/// <param name="Tall">A taller canvas (many categories).</param>
public sealed record ChartView(string Id, string Kind, ChartSpec Spec, DashboardFormat Format, bool Tall = false)
{
    /// <summary>A value as the fallback table shows it.</summary>
    /// <param name="value">The value.</param>
    /// <param name="axis">Its axis.</param>
    public string Show(double? value, string axis = "y") => (axis == "y2" ? Spec.Format2 : Spec.Format) switch
    {
        _ when value is null => "–",
        "money" => Format.Money((decimal)value.Value),
        "percent" => Format.Percent(value),
        _ => Format.Number(value, value % 1 == 0 ? 0 : 2),
    };
}
