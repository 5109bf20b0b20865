using CltvDashboard.Infrastructure.Import;

namespace CltvDashboard.Infrastructure.Tests.Import;

public class CustomerContactTests
{
    [Theory]
    [InlineData("  Ann@Example.COM ", "ann@example.com")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    [InlineData("not an address", null)]
    public void Email_is_trimmed_lower_case_and_empty_is_none(string? given, string? stored) =>
        CustomerContact.Email(given).Should().Be(stored);

    [Fact]
    public void Email_longer_than_the_column_is_not_kept_rather_than_cut() =>
        CustomerContact.Email(new string('a', CustomerContact.MaxLength) + "@example.com").Should().BeNull();

    [Theory]
    [InlineData("  Mary   Ann  Smith ", "Mary Ann Smith")]
    [InlineData("", null)]
    [InlineData(" \t ", null)]
    public void Name_is_trimmed_with_inner_spaces_made_one(string given, string? stored) =>
        CustomerContact.Name(given).Should().Be(stored);

    [Theory]
    [InlineData("Mary Ann Smith", "Mary", "Ann Smith")]
    [InlineData("Cher", "Cher", null)]
    [InlineData(null, null, null)]
    public void Split_takes_the_first_word_as_first_name(string? name, string? first, string? last) =>
        CustomerContact.Split(name).Should().Be((first, last));
}
