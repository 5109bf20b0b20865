using CltvDashboard.Infrastructure.Import;

namespace CltvDashboard.Infrastructure.Tests.Import;

public class KeyFilterTests
{
    [Fact]
    public void A_key_added_is_always_found_and_few_new_keys_are_taken_for_old_ones()
    {
        const int Keys = 100_000;
        var filter = new KeyFilter(Keys);
        var random = new Random(11);
        var added = Enumerable.Range(0, Keys).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40)).ToArray();

        var seenOnAdd = added.Count(filter.Add);
        var fresh = Enumerable.Range(0, Keys).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40)).Count(filter.MayHold);

        added.Should().OnlyContain(key => filter.MayHold(key) && filter.Add(key));
        seenOnAdd.Should().BeLessThan(Keys / 50, "at 16 bits a key about 1.4 % of new keys look seen");
        fresh.Should().BeLessThan(Keys / 40);
    }

    [Fact]
    public void A_filter_outgrowing_its_expected_size_still_finds_every_key_and_stays_selective()
    {
        const int Keys = 300_000;
        var filter = new KeyFilter(expectedKeys: 0);
        var random = new Random(5);
        var added = Enumerable.Range(0, Keys).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40)).ToArray();

        foreach (var key in added)
        {
            filter.Add(key);
        }

        added.Should().OnlyContain(key => filter.MayHold(key));
        Enumerable.Range(0, Keys).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40)).Count(filter.MayHold)
            .Should().BeLessThan(Keys / 8);
    }
}
