using CltvDashboard.Infrastructure.Data.Identity;

namespace CltvDashboard.Web.Identity;

/// <summary>
/// A part of the application that a role may open or not, however it is reached: its pages, its CSV exports and its API
/// calls carry it as endpoint metadata and are authorized by its one least role, so they cannot disagree. The table is
/// <see cref="AppResources"/>.
/// </summary>
public sealed class AppResource
{
    internal AppResource(string name, string? role, string? home, IReadOnlyList<string> folders, IReadOnlyList<string>? pages = null)
    {
        if (role is not null)
        {
            // Fails at start-up on a misspelt role rather than refusing everybody.
            _ = CltvRoles.AtLeast(role);
        }

        Name = name;
        Role = role;
        Home = home;
        Folders = folders;
        Pages = pages ?? [];
    }

    /// <summary>What the user calls it, e.g. "Cohorts".</summary>
    public string Name { get; }

    /// <summary>The least role that may open it (the roles above it may too); null when anybody may, signed in or not.</summary>
    public string? Role { get; }

    /// <summary>Whether anybody may open it without signing in.</summary>
    public bool IsPublic => Role is null;

    /// <summary>Its main page, the way back from a page of it that was not found; null when it has none.</summary>
    public string? Home { get; }

    /// <summary>The Razor Pages folders (e.g. <c>/Cohorts</c>) whose pages belong to it.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>Single Razor Pages (e.g. <c>/Index</c>) that belong to it.</summary>
    public IReadOnlyList<string> Pages { get; }

    /// <summary>The policy of its pages and exports: the session cookie of a user in <see cref="Role"/> or above.</summary>
    public string Policy => Role ?? throw new InvalidOperationException($"{Name} is open to anybody and has no policy.");

    /// <summary>The policy of its API calls: the session cookie or an API token of a user in <see cref="Role"/> or above.</summary>
    public string ApiPolicy => Policies.ApiFor(Policy);

    /// <summary>Whether a user in <paramref name="role"/> may open it.</summary>
    /// <param name="role">One of <see cref="CltvRoles.All"/>.</param>
    public bool Admits(string role) => Role is null || CltvRoles.AtLeast(Role).Contains(role);

    /// <inheritdoc />
    public override string ToString() => Name;
}
