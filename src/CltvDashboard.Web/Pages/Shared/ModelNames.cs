using System.Text.RegularExpressions;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.GammaGamma;

namespace CltvDashboard.Web.Pages.Shared;

/// <summary>Model names in text for people: the stored short names (bgnbd) written as people write them (BG/NBD).</summary>
public static class ModelNames
{
    private static readonly Regex ShortName = new(
        $@"\b({string.Join("|", CountModelCatalog.Names.Append(GammaGammaParameters.ModelName).Select(Regex.Escape))})\b",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    /// <summary>The text with every whole-word stored model name replaced by its display name.</summary>
    /// <param name="text">A sentence from a run: its model choice reason or a warning.</param>
    public static string InWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ShortName.Replace(text, match => match.Value == GammaGammaParameters.ModelName ? "Gamma-Gamma" : CountModelCatalog.DisplayName(match.Value));
    }
}
