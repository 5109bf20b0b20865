using Microsoft.AspNetCore.Identity;

namespace CltvDashboard.Infrastructure.Data.Identity;

/// <summary>The account rules every host applies to Identity: the web application and <c>cltv users</c> alike.</summary>
public static class CltvIdentityRules
{
    /// <summary>The shortest password accepted.</summary>
    public const int MinimumPasswordLength = 10;

    /// <summary>Sets unique e-mail addresses, the password rules, and lockout as what an Admin's lock uses.</summary>
    /// <param name="options">Identity's options.</param>
    public static void Apply(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = MinimumPasswordLength;
        // An Admin's lock is a lockout without end; wrong passwords slow sign-in down instead of locking anyone out.
        options.Lockout.AllowedForNewUsers = true;
    }
}
