using System.Globalization;
using CltvDashboard.Infrastructure.Import;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Import;

/// <summary>
/// Content hashes are stored, and re-importing a file dedupes against them: the hashed form of every field must never
/// change. The expected values are SHA-256 of the documented text (fields joined by U+001F), computed independently.
/// </summary>
public sealed class ContentHashTests
{
    [Fact]
    public void Hashes_are_sha256_of_the_fields_in_their_invariant_forms_as_stored_by_earlier_imports()
    {
        const string File = """
            customer,when,total,order,source,qty
            a1,2025-01-02T03:04:05.1234567Z,12.50,,,
            a2,2025-01-02 10:00:00+02:00,"1,234.500",#1001,web,2.50
            a3,2025-01-03,0,,,
            a3,2025-01-03,0,,,
            a4,2025-01-04,-4.00,R9,,
            """;
        var mapping = new ColumnMapping("customer", "when", "total") { OrderReference = "order", Channel = "source", Quantity = "qty" };

        var (rows, _) = Read(File, Options() with { Mapping = mapping });

        rows.Select(r => r.ContentHash).Should().Equal(
            "6cf5bb01544c619457d1c76de883870dce4de4de89412c7eb22257f83674fdc2",
            "737e2a349e4cc1129f0d2a8cbd95ad48311de0bd5dc3f0c91f47c65d45fea6a7",
            "3b012a26104388c1098dff12fb6cfca3751bb3e4dfa133a785a153d588a93da9",
            "3b012a26104388c1098dff12fb6cfca3751bb3e4dfa133a785a153d588a93da9",
            "99de899bb59118f3078964a674f2f1bf3c2e8b786e35e9bd9108670effa4464c");
        rows[3].MayRepeat.Should().BeTrue("the store gives the second of two identical rows the hash of its occurrence");
        using var hashes = new RowContentHash(forStore: true);
        hashes.Repeat(rows[3].ContentHash, 1).Should().Be("fe11458943f348c8b6ce9a5633755493b5459714eff9a67119abfd47e85e3d60");
    }

    [Theory]
    [InlineData("12.50")]
    [InlineData("-4.000")]
    [InlineData("0.00")]
    [InlineData("-0.00")]
    [InlineData("100")]
    [InlineData("1000.0")]
    [InlineData("0.0000000000000000000000000010")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-7922816251426433759354395.0335")]
    [InlineData("3.1415926535897932384626433830")]
    public void Decimals_are_written_as_the_custom_format_without_trailing_zeros_writes_them(string text)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        Span<char> buffer = stackalloc char[64];

        var written = RowContentHash.FormatDecimal(value, buffer);

        buffer[..written].ToString().Should().Be(value.ToString("0.############################", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Random_decimals_of_every_scale_are_written_as_the_custom_format_writes_them()
    {
        var random = new Random(7);
        Span<char> buffer = stackalloc char[64];
        for (var i = 0; i < 20_000; i++)
        {
            var value = new decimal(random.Next(), random.Next(0, 1000), 0, random.Next(2) == 0, (byte)random.Next(0, 29));

            var written = RowContentHash.FormatDecimal(value, buffer);

            buffer[..written].ToString().Should().Be(value.ToString("0.############################", CultureInfo.InvariantCulture));
        }
    }
}
