using CltvDashboard.Infrastructure.Queries;
using ScottPlot;

namespace CltvDashboard.Infrastructure.Digest;

/// <summary>
/// The digest's one picture: predicted value by segment as horizontal bars, drawn to a PNG on the server (mail clients
/// run no scripts, so the dashboards' Chart.js cannot draw it). The e-mail gives the same figures as a table for readers
/// who do not load images.
/// </summary>
public static class DigestChart
{
    /// <summary>The picture's width in pixels: the width of a mail column.</summary>
    public const int Width = 600;

    /// <summary>Draws the segments' total predicted CLV, the largest at the top.</summary>
    /// <param name="segments">The segments with their total predicted CLV.</param>
    /// <param name="format">Formats the amounts in the run's currency.</param>
    /// <returns>The PNG's bytes.</returns>
    public static byte[] ValueBySegment(IReadOnlyList<SegmentRow> segments, DashboardFormat format)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(format);
        var shown = segments.Where(s => s.TotalClv is not null).OrderBy(s => s.TotalClv).ToList();
        var plot = new Plot();
        try
        {
            plot.Font.Set(Fonts.Sans);
            var bars = shown.Select((s, i) => new Bar
            {
                Position = i,
                Value = (double)s.TotalClv!.Value,
                FillColor = Color.FromHex("#2563eb"),
                LineWidth = 0,
                Label = format.WholeMoney(s.TotalClv.Value),
            }).ToList();
            var series = plot.Add.Bars(bars);
            series.Horizontal = true;
            series.ValueLabelStyle.FontSize = 12;
            plot.Axes.Left.SetTicks([.. Enumerable.Range(0, shown.Count).Select(i => (double)i)], [.. shown.Select(s => s.Segment)]);
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => format.WholeMoney((decimal)v) };
            plot.Axes.Margins(left: 0, right: 0.2, bottom: 0.02, top: 0.02);
            plot.Grid.YAxisStyle.IsVisible = false;
            plot.Title("Predicted value by segment", size: 16);
            return plot.GetImageBytes(Width, 40 * Math.Max(shown.Count, 3) + 90, ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }
}
