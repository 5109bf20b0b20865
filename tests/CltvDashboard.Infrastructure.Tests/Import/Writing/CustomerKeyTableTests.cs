using CltvDashboard.Infrastructure.Import.Writing;

namespace CltvDashboard.Infrastructure.Tests.Import.Writing;

public sealed class CustomerKeyTableTests
{
    [Fact]
    public void Each_key_is_numbered_once_in_the_order_first_met_with_its_earliest_time()
    {
        var table = new CustomerKeyTable();
        var keys = Enumerable.Range(0, 50_000).Select(i => "customer-" + i).ToArray();

        var first = keys.Select((k, i) => table.Add(k, 1_000 + i)).ToArray();
        var again = keys.Select((k, i) => table.Add(k.AsSpan(), i % 2 == 0 ? 5 : 2_000_000)).ToArray();

        table.Count.Should().Be(50_000);
        first.Should().Equal(Enumerable.Range(0, 50_000));
        again.Should().Equal(first);
        Enumerable.Range(0, 50_000).Select(i => table.Key(i).ToString()).Should().Equal(keys);
        Enumerable.Range(0, 4).Select(table.FirstSeenTicks).Should().Equal(5, 1_001, 5, 1_003);
    }

    [Fact]
    public void Keys_longer_than_a_chunk_and_empty_remainders_keep_their_characters()
    {
        var table = new CustomerKeyTable();
        var keys = new[] { new string('a', 40_000), new string('b', 30_000), new string('c', 100_000), "d", new string('e', 65_536) };

        var numbers = keys.Select(k => table.Add(k, 0)).ToArray();

        numbers.Should().Equal(0, 1, 2, 3, 4);
        Enumerable.Range(0, keys.Length).Select(i => table.Key(i).ToString()).Should().Equal(keys);
        table.Add(new string('c', 100_000), 0).Should().Be(2);
    }
}
