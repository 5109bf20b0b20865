using System.CommandLine;
using System.Globalization;
using System.Text;
using CltvDashboard.Cli.Output;
using CltvDashboard.Infrastructure;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Cli.Commands;

/// <summary>
/// <c>cltv token create</c> and <c>cltv token revoke</c>: API tokens for integrations an operator provisions from the
/// server, the same tokens as the Users page makes (<see cref="ApiTokenService"/>).
/// </summary>
internal static class TokenCommand
{
    public static Command Create(Stream output, TextWriter error)
    {
        var command = new Command("token", "Create or revoke API tokens from the server (the same tokens as the Users page).");
        command.Subcommands.Add(CreateToken(output, error));
        command.Subcommands.Add(RevokeToken(error));
        return command;
    }

    private static Option<string?> DatabaseOption() => new("--database", "-d")
    {
        Description = $"PostgreSQL connection string (Host=...) or SQLite file. Default: {CltvDatabase.DefaultSqlitePath}.",
    };

    private static Option<bool> QuietOption() => new("--quiet", "-q") { Description = "No progress lines on standard error." };

    private static Command CreateToken(Stream output, TextWriter error)
    {
        var database = DatabaseOption();
        var user = new Option<string>("--user", "-u") { Description = "The e-mail address of the user the token acts as, with that user's role.", Required = true };
        var name = new Option<string>("--name", "-n") { Description = $"What the token is for, 1–{ApiTokenService.MaxNameLength} characters.", Required = true };
        var expires = new Option<string?>("--expires") { Description = "The last day (yyyy-MM-dd, UTC) the token works; without it, until revoked." };
        var quiet = QuietOption();
        var command = new Command("create", "Create an API token and print its secret on standard output, once: only its hash is stored.");
        command.Options.Add(database);
        command.Options.Add(user);
        command.Options.Add(name);
        command.Options.Add(expires);
        command.Options.Add(quiet);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(error, async () =>
        {
            var progress = new Progress(error, parse.GetValue(quiet));
            var tokenName = parse.GetValue(name)!.Trim();
            if (tokenName.Length is 0 or > ApiTokenService.MaxNameLength)
            {
                error.WriteLine($"cltv: error: name the token (what it is for), at most {ApiTokenService.MaxNameLength} characters.");
                return ExitCodes.BadInput;
            }

            DateOnly? lastDay = null;
            if (parse.GetValue(expires) is { } written)
            {
                if (!DateOnly.TryParseExact(written.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    error.WriteLine($"cltv: error: --expires '{written}' is not a date written yyyy-MM-dd.");
                    return ExitCodes.BadInput;
                }

                if (day < DateOnly.FromDateTime(DateTime.UtcNow))
                {
                    error.WriteLine("cltv: error: the last valid day cannot be in the past.");
                    return ExitCodes.BadInput;
                }

                lastDay = day;
            }

            return await WithServicesAsync(parse.GetValue(database), progress, async services =>
            {
                var email = parse.GetValue(user)!.Trim();
                if (await services.GetRequiredService<UserManager<CltvUser>>().FindByEmailAsync(email).ConfigureAwait(false) is not { } account)
                {
                    error.WriteLine($"cltv: error: no user has the e-mail address {email}.");
                    return ExitCodes.BadInput;
                }

                // No Admin of the web application created it: the list shows no creator, and nobody's demotion puts it up for review.
                var created = await services.GetRequiredService<ApiTokenService>()
                    .CreateAsync(account.Id, null, tokenName, ApiTokenService.ExpiresAtUtc(lastDay), cancellationToken).ConfigureAwait(false);
                progress.Info(
                    $"Created the API token {created.Token.Name} ({created.Token.Prefix}…) for {email}; its secret is on standard output and cannot be shown again. "
                    + $"Revoke it with: cltv token revoke --prefix {created.Token.Prefix}");
                output.Write(Encoding.UTF8.GetBytes(created.Secret + "\n"));
                return ExitCodes.Success;
            }, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static Command RevokeToken(TextWriter error)
    {
        var database = DatabaseOption();
        var prefix = new Option<string>("--prefix", "-p")
        {
            Description = $"The token's first {ApiTokenService.DisplayPrefixLength} characters, as the Users page and 'token create' show them (cltv_…).",
            Required = true,
        };
        var quiet = QuietOption();
        var command = new Command("revoke", "Revoke an API token: it stops working at once.");
        command.Options.Add(database);
        command.Options.Add(prefix);
        command.Options.Add(quiet);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(error, async () =>
        {
            var progress = new Progress(error, parse.GetValue(quiet));
            return await WithServicesAsync(parse.GetValue(database), progress, async services =>
            {
                var tokens = services.GetRequiredService<ApiTokenService>();
                var written = parse.GetValue(prefix)!;
                var found = await tokens.FindByPrefixAsync(written, cancellationToken).ConfigureAwait(false);
                if (found.Count != 1)
                {
                    error.WriteLine(found.Count == 0
                        ? $"cltv: error: no API token starts with '{written.Trim()}'; the Users page lists each token's first {ApiTokenService.DisplayPrefixLength} characters."
                        : $"cltv: error: {found.Count} API tokens start with '{written.Trim()}'; revoke them on the Users page.");
                    return ExitCodes.BadInput;
                }

                var token = await tokens.RevokeAsync(found[0].Id, cancellationToken).ConfigureAwait(false);
                progress.Info($"Revoked the API token {token!.Name} ({token.Prefix}…).");
                return ExitCodes.Success;
            }, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> WithServicesAsync(string? target, Progress progress, Func<IServiceProvider, Task<int>> work, CancellationToken cancellationToken)
    {
        progress.Report($"opening {CltvDatabase.DetectProvider(target)} store");
        await DatabaseMigrator.MigrateAsync(target, cancellationToken).ConfigureAwait(false);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddCltvStorage(target);
        services.AddIdentityCore<CltvUser>(CltvIdentityRules.Apply).AddRoles<IdentityRole>().AddEntityFrameworkStores<CltvDbContext>();
        services.AddCltvUsers();
        var provider = services.BuildServiceProvider();
        await using (provider.ConfigureAwait(false))
        {
            var scope = provider.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                return await work(scope.ServiceProvider).ConfigureAwait(false);
            }
        }
    }
}
