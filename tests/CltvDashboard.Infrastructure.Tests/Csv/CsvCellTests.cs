using System.Globalization;
using CltvDashboard.Infrastructure.Csv;

namespace CltvDashboard.Infrastructure.Tests.Csv;

public sealed class CsvCellTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("Zürich 東京", "Zürich 東京")]
    public void Text_is_quoted_as_rfc_4180_requires(string text, string written) => CsvCell.Text(text).ToString().Should().Be(written);

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")]
    [InlineData("a=1", "a=1")]
    public void Formula_like_text_gets_a_leading_apostrophe(string text, string written) => CsvCell.Text(text).ToString().Should().Be(written);

    [Fact]
    public void Numbers_dates_and_booleans_are_written_as_they_are_even_when_negative()
    {
        CsvCell.Number(-5L).ToString().Should().Be("-5");
        CsvCell.Number(-5.25).ToString().Should().Be("-5.25");
        CsvCell.Number(-5.00m).ToString().Should().Be("-5");
        CsvCell.Number(1234.56789m).ToString().Should().Be("1234.5679");
        CsvCell.Number(0.1234564).ToString().Should().Be("0.123456");
        CsvCell.Number(2.5, 0).ToString().Should().Be("3");
        CsvCell.Number(-0.0000001).ToString().Should().Be("0", "a value that rounds to zero has no sign");
        CsvCell.Number(1e20).ToString().Should().Be("100000000000000000000", "too large for the scaled path, still written in full");
        CsvCell.Number(double.NaN).ToString().Should().Be("NaN");
        CsvCell.Date(new DateOnly(2024, 6, 30)).ToString().Should().Be("2024-06-30");
        CsvCell.Month(new DateOnly(2024, 6, 30)).ToString().Should().Be("2024-06");
        CsvCell.Boolean(true).ToString().Should().Be("true");
        CsvCell.Number((double?)null).ToString().Should().BeEmpty();
        CsvCell.Text(null).ToString().Should().BeEmpty();
    }

    [Fact]
    public void Numbers_and_dates_are_invariant_under_a_comma_decimal_culture()
    {
        // The build runs in globalization-invariant mode, where named cultures do not load: a copy of the invariant
        // culture with German separators stands in for de-DE.
        var commaDecimal = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaDecimal.NumberFormat.NumberDecimalSeparator = ",";
        commaDecimal.NumberFormat.NumberGroupSeparator = ".";
        commaDecimal.NumberFormat.NegativeSign = "\u2212";
        commaDecimal.DateTimeFormat.DateSeparator = ".";
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = commaDecimal;
        try
        {
            CsvCell.Number(1234.5).ToString().Should().Be("1234.5");
            CsvCell.Number(1e20).ToString().Should().Be("100000000000000000000");
            CsvCell.Number(1234.5m).ToString().Should().Be("1234.5");
            CsvCell.Number(-1234567L).ToString().Should().Be("-1234567");
            CsvCell.Date(new DateOnly(2024, 6, 30)).ToString().Should().Be("2024-06-30");
            1234.5.ToString(CultureInfo.CurrentCulture).Should().Be("1234,5", "the stand-in culture is in force");
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
