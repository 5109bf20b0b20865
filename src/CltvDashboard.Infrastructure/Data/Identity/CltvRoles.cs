namespace CltvDashboard.Infrastructure.Data.Identity;

/// <summary>
/// The roles of the web application. Each user holds one; each role includes the rights of the ones before it:
/// <see cref="Owner"/> ⊂ <see cref="Analyst"/> ⊂ <see cref="Admin"/>.
/// </summary>
public static class CltvRoles
{
    /// <summary>Browses the dashboards and exports them.</summary>
    public const string Owner = "Owner";

    /// <summary>Also uploads data, changes the settings and asks for recalculations.</summary>
    public const string Analyst = "Analyst";

    /// <summary>Also manages users and watches the background jobs.</summary>
    public const string Admin = "Admin";

    /// <summary>Every role, the least powerful first.</summary>
    public static IReadOnlyList<string> All { get; } = [Owner, Analyst, Admin];

    /// <summary>The roles that hold at least the rights of <paramref name="role"/>.</summary>
    /// <param name="role">One of <see cref="All"/>.</param>
    public static IReadOnlyList<string> AtLeast(string role)
    {
        var index = All.ToList().IndexOf(role);
        if (index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role of the application.");
        }

        return All.Skip(index).ToArray();
    }
}
