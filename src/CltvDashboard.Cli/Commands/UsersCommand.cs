using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using CltvDashboard.Cli.Output;
using CltvDashboard.Infrastructure;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Cli.Commands;

/// <summary>
/// <c>cltv users reset-admin</c>: the way back in for an operator with access to the server when no Admin can sign in
/// (all locked, demoted or forgotten passwords).
/// </summary>
internal static class UsersCommand
{
    // Letters and digits that cannot be mistaken for one another when read off a terminal.
    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private const int PasswordGroups = 4;
    private const int PasswordGroupLength = 5;

    public static Command Create(Stream output, TextWriter error)
    {
        var command = new Command("users", "Manage the web application's users from the server.");
        command.Subcommands.Add(ResetAdmin(output, error));
        return command;
    }

    private static Command ResetAdmin(Stream output, TextWriter error)
    {
        var database = new Option<string?>("--database", "-d")
        {
            Description = $"PostgreSQL connection string (Host=...) or SQLite file. Default: {CltvDatabase.DefaultSqlitePath}.",
        };
        var email = new Option<string>("--email", "-e")
        {
            Description = "The Admin's e-mail address: that account becomes an unlocked Admin (created if there is none).",
            Required = true,
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines on standard error." };

        var command = new Command(
            "reset-admin",
            "Make an account an unlocked Admin with a new password, printed on standard output, and end its sessions.");
        command.Options.Add(database);
        command.Options.Add(email);
        command.Options.Add(quiet);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(error, async () =>
        {
            var progress = new Progress(error, parse.GetValue(quiet));
            var target = parse.GetValue(database);
            progress.Report($"opening {CltvDatabase.DetectProvider(target)} store");
            await DatabaseMigrator.MigrateAsync(target, cancellationToken).ConfigureAwait(false);

            var services = new ServiceCollection();
            services.AddLogging();
            services.AddCltvStorage(target);
            services.AddIdentityCore<CltvUser>(CltvIdentityRules.Apply).AddRoles<IdentityRole>().AddEntityFrameworkStores<CltvDbContext>();
            services.AddCltvUsers();
            var provider = services.BuildServiceProvider();
            await using (provider.ConfigureAwait(false))
            {
                var scope = provider.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var password = NewPassword();
                    var change = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
                        .ResetAdminAsync(parse.GetValue(email)!.Trim(), password, cancellationToken).ConfigureAwait(false);
                    if (!change.Succeeded)
                    {
                        error.WriteLine($"cltv: error: {change.Message}");
                        return ExitCodes.BadInput;
                    }

                    progress.Info(change.Message + " Sign in with the password on standard output, then keep it safe.");
                    output.Write(Encoding.UTF8.GetBytes(password + "\n"));
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    // Random groups joined by hyphens (about 117 bits), drawn again in the rare case one of Identity's required
    // kinds of character is missing.
    private static string NewPassword()
    {
        while (true)
        {
            var groups = Enumerable.Range(0, PasswordGroups).Select(_ => RandomNumberGenerator.GetString(PasswordAlphabet, PasswordGroupLength));
            var password = string.Join('-', groups);
            if (password.Any(char.IsDigit) && password.Any(char.IsUpper) && password.Any(char.IsLower))
            {
                return password;
            }
        }
    }
}
