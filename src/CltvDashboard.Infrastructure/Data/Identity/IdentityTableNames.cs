using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Data.Identity;

/// <summary>Names Identity's tables like the rest of the store (users, roles, …) instead of AspNet*, and its indexes in snake_case too.</summary>
internal static class IdentityTableNames
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        var users = modelBuilder.Entity<CltvUser>();
        users.ToTable("users");
        users.HasIndex(u => u.NormalizedUserName).HasDatabaseName("ix_users_normalized_user_name");
        users.HasIndex(u => u.NormalizedEmail).HasDatabaseName("ix_users_normalized_email");
        var roles = modelBuilder.Entity<IdentityRole>();
        roles.ToTable("roles");
        roles.HasIndex(r => r.NormalizedName).HasDatabaseName("ix_roles_normalized_name");
        modelBuilder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        modelBuilder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        modelBuilder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        modelBuilder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        modelBuilder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
    }
}
