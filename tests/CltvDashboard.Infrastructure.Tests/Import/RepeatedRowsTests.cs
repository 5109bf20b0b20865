using CltvDashboard.Infrastructure.Import;

namespace CltvDashboard.Infrastructure.Tests.Import;

public class RepeatedRowsTests
{
    [Fact]
    public void A_key_met_again_is_a_repeat_of_its_first_row_however_far_apart()
    {
        var rows = new RepeatedRows();
        var random = new Random(7);
        const int Count = 200_000;
        for (var i = 0; i < Count; i++)
        {
            rows.Add(i == Count - 1 ? 42UL : (ulong)random.NextInt64() | 1UL << 63, line: i + 2, identifiesOrder: true);
            if (i == 5)
            {
                rows.Add(42UL, line: 8, identifiesOrder: true);
                i++;
            }
        }

        var repeats = rows.Find();

        repeats.Should().ContainSingle().Which.Should().Be(new RepeatedRows.Repeat(Count - 1, Count + 1, 8));
    }

    [Fact]
    public void Every_later_row_with_a_key_repeats_the_first_and_repeats_come_in_file_order()
    {
        var rows = new RepeatedRows();
        rows.Add(7, line: 2, identifiesOrder: true);
        rows.Add(9, line: 3, identifiesOrder: true);
        rows.Add(7, line: 4, identifiesOrder: true);
        rows.Add(9, line: 5, identifiesOrder: true);
        rows.Add(7, line: 6, identifiesOrder: true);

        rows.Find().Should().Equal(
            new RepeatedRows.Repeat(2, 4, 2),
            new RepeatedRows.Repeat(3, 5, 3),
            new RepeatedRows.Repeat(4, 6, 2));
    }

    [Fact]
    public void Lines_are_those_given_when_rows_were_skipped_between_them()
    {
        var rows = new RepeatedRows();
        rows.Add(1, line: 2, identifiesOrder: true);
        rows.Add(2, line: 3, identifiesOrder: true);
        rows.Add(3, line: 10, identifiesOrder: true);
        rows.Add(4, line: 11, identifiesOrder: true);
        rows.Add(2, line: 40, identifiesOrder: true);
        rows.Add(4, line: 41, identifiesOrder: true);

        rows.Find().Select(r => (r.Line, r.EarlierLine)).Should().Equal((40L, 3L), (41L, 11L));
    }

    [Fact]
    public void Rows_without_an_order_reference_never_repeat_and_keep_the_positions_of_those_with_one()
    {
        var rows = new RepeatedRows();
        rows.Add(5, line: 2, identifiesOrder: false);
        rows.Add(8, line: 3, identifiesOrder: true);
        rows.Add(5, line: 4, identifiesOrder: false);
        rows.Add(8, line: 5, identifiesOrder: true);

        rows.Find().Should().Equal(new RepeatedRows.Repeat(3, 5, 3));
    }
}
