using System.Text;
using CltvDashboard.Infrastructure.Csv;

namespace CltvDashboard.Infrastructure.Tests.Csv;

public sealed class CsvWriterTests
{
    [Fact]
    public async Task Records_are_written_with_the_formats_line_ends_and_byte_order_mark()
    {
        using var stream = new MemoryStream();
        CsvCell[][] rows = [[CsvCell.Text("=1+2"), CsvCell.Number(-5m)], [CsvCell.Text("a,b"), CsvCell.Empty]];

        var written = await CsvWriter.WriteAsync(stream, ["name", "amount"], rows.ToAsyncEnumerable(), new CsvFormat("\r\n", ByteOrderMark: true));

        written.Should().Be(2);
        var bytes = stream.ToArray();
        bytes.Take(3).Should().Equal(Encoding.UTF8.Preamble.ToArray());
        Encoding.UTF8.GetString(bytes[3..]).Should().Be("name,amount\r\n'=1+2,-5\r\n\"a,b\",\r\n");
    }

    [Fact]
    public async Task A_long_stream_of_records_is_written_whole_and_in_order()
    {
        using var stream = new MemoryStream();
        var rows = Enumerable.Range(0, 20_000).Select(i => (CsvCell[])[CsvCell.Number(i), CsvCell.Text("-" + i)]).ToAsyncEnumerable();

        await CsvWriter.WriteAsync(stream, ["i", "text"], rows, new CsvFormat("\n"));

        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        lines.Should().HaveCount(20_002, "a header, 20,000 records and the empty rest after the last line end");
        lines[^2].Should().Be("19999,'-19999");
    }

    [Fact]
    public void A_table_written_in_parallel_blocks_matches_the_same_records_written_one_by_one()
    {
        const int rows = 100_000;
        var ids = Enumerable.Range(0, rows).Select(i => i % 7 == 0 ? "=" + i : i % 11 == 0 ? "a,\"" + i + "\"" : "c" + i).ToArray();
        var values = Enumerable.Range(0, rows).Select(i => (i - 50_000) / 3.0).ToArray();
        CsvColumn[] columns =
        [
            new("customer_id", i => CsvCell.Text(ids[i])),
            new("i", i => CsvCell.Number(i)),
            new("value", i => CsvCell.Number(values[i], 4)),
            new("long", i => CsvCell.Text(i == 12_345 ? new string('x', 5_000) : "")),
        ];
        using var stream = new MemoryStream();

        CsvWriter.Write(stream, rows, columns, new CsvFormat("\n"));

        var expected = new StringBuilder("customer_id,i,value,long\n");
        for (var i = 0; i < rows; i++)
        {
            expected.Append(string.Join(',', columns.Select(c => c.Cell(i).ToString()))).Append('\n');
        }

        Encoding.UTF8.GetString(stream.ToArray()).Should().Be(expected.ToString());
        expected.ToString().Should().Contain("\n'=7,7,-16664.3333,\n").And.Contain("\n\"a,\"\"11\"\"\",11,-16663,\n");
    }
}
