using CltvDashboard.Infrastructure.Import;

namespace CltvDashboard.Infrastructure.Tests.Import;

public sealed class SeenKeysTests
{
    [Fact]
    public void A_key_is_added_once_and_found_again_with_the_line_it_was_first_seen_on()
    {
        var random = new Random(3);
        var keys = Enumerable.Range(0, 100_000).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40)).Distinct().ToArray();
        var seen = new SeenKeys();

        var added = keys.Select((k, i) => seen.TryAdd(k, i + 2, out _)).ToArray();
        var readded = keys.Select((k, i) => (Added: seen.TryAdd(k, 1, out var earlier), Earlier: earlier)).ToArray();

        added.Should().AllSatisfy(a => a.Should().BeTrue());
        readded.Select(r => r.Added).Should().AllSatisfy(a => a.Should().BeFalse());
        readded.Select(r => r.Earlier).Should().Equal(Enumerable.Range(2, keys.Length).Select(i => (long)i));
        seen.Count.Should().Be(keys.Length);
        keys.Select(k => seen.TryGetValue(k, out var line) ? line : -1).Should().Equal(Enumerable.Range(2, keys.Length).Select(i => (long)i));
    }

    [Fact]
    public void Keys_never_added_are_not_found_even_when_they_share_bits_with_added_ones()
    {
        var seen = new SeenKeys();
        for (ulong i = 0; i < 5_000; i++)
        {
            seen.TryAdd(i << 32, 2, out _);
        }

        Enumerable.Range(0, 5_000).Count(i => seen.TryGetValue(((ulong)i << 32) | 1, out _)).Should().Be(0);
        Enumerable.Range(0, 5_000).Count(i => seen.TryGetValue((ulong)i, out _)).Should().Be(1, "only key 0 was added among them");
        seen.TryGetValue(0, out var line).Should().BeTrue();
        line.Should().Be(2);
    }

    [Fact]
    public void A_key_first_seen_beyond_what_32_bits_hold_is_not_kept()
    {
        var seen = new SeenKeys();

        var added = seen.TryAdd(42, (long)uint.MaxValue + 1, out _);

        added.Should().BeTrue("the row is new");
        seen.TryGetValue(42, out _).Should().BeFalse();
        seen.Count.Should().Be(0);
        seen.TryAdd(42, uint.MaxValue, out _).Should().BeTrue();
        seen.TryGetValue(42, out var line).Should().BeTrue();
        line.Should().Be(uint.MaxValue);
    }
}
