using Microsoft.AspNetCore.Identity;

namespace CltvDashboard.Infrastructure.Data.Identity;

/// <summary>A person who signs in to the web application; the e-mail address is the user name.</summary>
public class CltvUser : IdentityUser
{
    /// <summary>When the account was created, in UTC.</summary>
    public DateTime CreatedAtUtc { get; set; }
}
