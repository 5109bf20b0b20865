using CltvDashboard.Infrastructure.Import;

namespace CltvDashboard.Infrastructure.Tests.Import;

public class ImportValueParserTests
{
    [Theory]
    [InlineData("12.50", DecimalSeparator.Auto, "12.50")]
    [InlineData("1,234.50", DecimalSeparator.Auto, "1234.50")]
    [InlineData("1.234,50", DecimalSeparator.Auto, "1234.50")]
    [InlineData("12,50", DecimalSeparator.Auto, "12.50")]
    [InlineData("1,234", DecimalSeparator.Auto, "1234")]
    [InlineData("1,234", DecimalSeparator.Comma, "1.234")]
    [InlineData("0,500", DecimalSeparator.Auto, "0.500")]
    [InlineData("1 234,50 €", DecimalSeparator.Auto, "1234.50")]
    [InlineData("1'234.50", DecimalSeparator.Auto, "1234.50")]
    [InlineData("$1,000,000", DecimalSeparator.Auto, "1000000")]
    [InlineData("(5.00)", DecimalSeparator.Auto, "-5.00")]
    [InlineData("-$5.00", DecimalSeparator.Auto, "-5.00")]
    [InlineData("5.00-", DecimalSeparator.Auto, "-5.00")]
    [InlineData("US$ 7", DecimalSeparator.Auto, "7")]
    public void Amounts_are_read_by_the_documented_rules(string text, DecimalSeparator separator, string expected)
    {
        ImportValueParser.TryParseAmount(text, separator, out var amount, out _).Should().BeTrue();
        amount.Should().Be(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("12.50", DecimalSeparator.Auto, "12.50")]
    [InlineData("0.00", DecimalSeparator.Auto, "0.00")]
    [InlineData("007", DecimalSeparator.Auto, "7")]
    [InlineData("1.234", DecimalSeparator.Auto, "1234")]
    [InlineData("1.234", DecimalSeparator.Point, "1.234")]
    [InlineData("0.125", DecimalSeparator.Auto, "0.125")]
    [InlineData("1234.567", DecimalSeparator.Auto, "1234.567")]
    [InlineData("123456789012345678", DecimalSeparator.Auto, "123456789012345678")]
    [InlineData("1234567890123456789", DecimalSeparator.Auto, "1234567890123456789")]
    [InlineData("12345678901234567.8", DecimalSeparator.Point, "12345678901234567.8")]
    [InlineData(" 42.10 ", DecimalSeparator.Point, "42.10")]
    public void Plain_amounts_keep_the_digits_written_after_the_point(string text, DecimalSeparator separator, string expected)
    {
        ImportValueParser.TryParseAmount(text, separator, out var amount, out var code).Should().BeTrue();
        amount.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(expected);
        code.Should().BeNull();
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("12.5.0")]
    [InlineData("")]
    [InlineData("EURO 5")]
    public void Non_amounts_are_refused(string text) =>
        ImportValueParser.TryParseAmount(text, DecimalSeparator.Auto, out _, out _).Should().BeFalse();

    [Fact]
    public void A_currency_code_beside_the_amount_is_returned()
    {
        ImportValueParser.TryParseAmount("12.00 eur", DecimalSeparator.Auto, out var amount, out var code).Should().BeTrue();
        (amount, code).Should().Be((12.00m, "EUR"));
    }

    [Theory]
    [InlineData("2025-10-07 09:50:26 +0200", DateOrder.Unspecified, "2025-10-07T09:50:26+02:00")]
    [InlineData("2025-10-07T09:50:26Z", DateOrder.Unspecified, "2025-10-07T09:50:26+00:00")]
    [InlineData("2025-10-07T09:50:26-05:00", DateOrder.Unspecified, "2025-10-07T09:50:26-05:00")]
    [InlineData("2025-10-07", DateOrder.Unspecified, "2025-10-07T00:00:00+00:00")]
    [InlineData("13/10/2025", DateOrder.Unspecified, "2025-10-13T00:00:00+00:00")]
    [InlineData("10/13/2025 9:05 PM", DateOrder.Unspecified, "2025-10-13T21:05:00+00:00")]
    [InlineData("03/04/2025", DateOrder.DayFirst, "2025-04-03T00:00:00+00:00")]
    [InlineData("03/04/2025", DateOrder.MonthFirst, "2025-03-04T00:00:00+00:00")]
    [InlineData("07.10.2025", DateOrder.MonthFirst, "2025-10-07T00:00:00+00:00")]
    public void Dates_are_read_by_the_documented_rules(string text, DateOrder order, string expected)
    {
        ImportValueParser.TryParseDate(text, order, TimeZoneInfo.Utc, assumeUtc: false, out var value, out var error).Should().BeTrue(error);
        value.Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_ambiguous_date_asks_for_the_date_order()
    {
        ImportValueParser.TryParseDate("03/04/2025", DateOrder.Unspecified, TimeZoneInfo.Utc, false, out _, out var error).Should().BeFalse();
        error.Should().Be("'03/04/2025' is ambiguous: choose whether dates are day-first or month-first");
    }

    [Fact]
    public void A_date_against_the_chosen_order_is_refused()
    {
        ImportValueParser.TryParseDate("13/04/2025", DateOrder.MonthFirst, TimeZoneInfo.Utc, false, out _, out var error).Should().BeFalse();
        error.Should().Be("'13/04/2025' is not a valid month-first date");
    }
}
