using System.Security.Cryptography;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Privacy;

/// <summary>What an erasure did.</summary>
/// <param name="Pseudonym">The id the customer now goes by.</param>
/// <param name="ImportProblemsScrubbed">Rejected import rows from which the customer's details were removed.</param>
public sealed record ErasureResult(string Pseudonym, int ImportProblemsScrubbed);

/// <summary>Who erased a customer, for the audit record; the Admin's own details, never the customer's.</summary>
/// <param name="UserId">The Admin's user id.</param>
/// <param name="Email">The Admin's e-mail address.</param>
public sealed record ErasingUser(string UserId, string Email);

/// <summary>
/// The right to erasure for one customer, in one transaction: the e-mail address and name are removed, the external
/// id is replaced by a pseudonym (<c>erased-</c> and 20 random characters), and every rejected import row that
/// copied the customer's id, address or name gives them up; an audit record says who did it and when. Transactions
/// and every run's figures stay, tied to the pseudonym, so totals do not change.
/// </summary>
/// <remarks>
/// The transactions' content hashes stay: they are one-way digests of a row, and they are what keeps a later import of
/// an old export from adding the same purchases twice. Such an import brings the customer's id back, as a new
/// customer with only the purchases the store does not hold; erase them again if that happens.
/// </remarks>
public sealed class CustomerEraser(CltvContextFactory contexts, RunResultCache? cache = null, TimeProvider? time = null)
{
    /// <summary>What every pseudonym starts with.</summary>
    public const string PseudonymPrefix = "erased-";

    private const string PseudonymAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int PseudonymLength = 20;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Whether an external id is an erasure's pseudonym.</summary>
    /// <param name="externalId">A customer's external id.</param>
    public static bool IsPseudonym(string externalId) =>
        externalId.StartsWith(PseudonymPrefix, StringComparison.Ordinal) && externalId.Length == PseudonymPrefix.Length + PseudonymLength;

    /// <summary>Erases a customer.</summary>
    /// <param name="customerId">The customer's key in the store.</param>
    /// <param name="by">The Admin who erases.</param>
    /// <param name="cancellationToken">Cancels the erasure; nothing changes then.</param>
    /// <returns>What was done; null when there is no such customer or it was erased already.</returns>
    public async Task<ErasureResult?> EraseAsync(long customerId, ErasingUser by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        var context = contexts.CreateDbContext();
        await using (context.ConfigureAwait(false))
        {
            var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var customer = await context.Customers.SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken).ConfigureAwait(false);
                if (customer is null || (IsPseudonym(customer.ExternalId) && customer.Email is null && customer.Name is null))
                {
                    return null;
                }

                var pseudonym = NewPseudonym();
                var scrubbed = await ScrubImportProblemsAsync(context, new Identifiers(customer.ExternalId, customer.Email, customer.Name), pseudonym, cancellationToken)
                    .ConfigureAwait(false);
                customer.ExternalId = pseudonym;
                customer.Email = null;
                customer.Name = null;
                context.CustomerErasures.Add(new CustomerErasure
                {
                    Pseudonym = pseudonym,
                    ErasedAtUtc = _time.GetUtcNow().UtcDateTime,
                    ErasedByUserId = by.UserId,
                    ErasedByEmail = by.Email,
                    ImportProblemsScrubbed = scrubbed,
                });
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                // Pages of the customer list computed before hold the old id; this instance forgets them at once.
                cache?.Clear();
                return new ErasureResult(pseudonym, scrubbed);
            }
        }
    }

    /// <summary>The audit list, newest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<CustomerErasure>> AuditAsync(CancellationToken cancellationToken = default)
    {
        var context = contexts.CreateDbContext();
        await using (context.ConfigureAwait(false))
        {
            return await context.CustomerErasures.AsNoTracking().OrderByDescending(e => e.ErasedAtUtc).ThenByDescending(e => e.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string NewPseudonym() =>
        PseudonymPrefix + string.Create(PseudonymLength, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = PseudonymAlphabet[RandomNumberGenerator.GetInt32(PseudonymAlphabet.Length)];
            }
        });

    // A rejected row is the customer's when one of its fields is their id or their address; in such a row the id
    // becomes the pseudonym and the address, the name and each word of the name (WooCommerce's first and last name
    // columns) become empty. Messages quote a field now and then; they lose the same values.
    private static async Task<int> ScrubImportProblemsAsync(CltvDbContext context, Identifiers who, string pseudonym, CancellationToken cancellationToken)
    {
        var needles = who.Searched().Select(n => n.ToLowerInvariant()).Distinct().ToList();
        var candidates = new List<Data.Entities.ImportProblem>();
        foreach (var needle in needles)
        {
            // lower() in SQL on both providers; the StringComparison overloads have no SQL translation.
#pragma warning disable CA1862
            candidates.AddRange(await context.ImportProblems
                .Where(p => (p.RawRecord != null && p.RawRecord.ToLower().Contains(needle)) || p.Message.ToLower().Contains(needle))
                .ToListAsync(cancellationToken).ConfigureAwait(false));
#pragma warning restore CA1862
        }

        var scrubbed = 0;
        foreach (var problem in candidates.DistinctBy(p => p.Id))
        {
            var changed = false;
            if (problem.RawRecord is { } raw)
            {
                var fields = RawRecordFormat.Decode(raw);
                if (fields.Any(who.Identifies))
                {
                    var cleaned = fields.Select(f => who.Identifies(f) ? (string.Equals(f.Trim(), who.ExternalId, StringComparison.Ordinal) ? pseudonym : string.Empty)
                        : who.Names(f) ? string.Empty : f).ToList();
                    problem.RawRecord = RawRecordFormat.Encode(cleaned.Count, cleaned, static (list, i) => list[i]);
                    changed = true;
                }
            }

            // Messages quote the values they speak of ('…'): only a quoted value is the customer's, not a digit of a date.
            foreach (var value in who.Searched())
            {
                var quoted = $"'{value}'";
                if (problem.Message.Contains(quoted, StringComparison.OrdinalIgnoreCase))
                {
                    problem.Message = problem.Message.Replace(quoted, value == who.ExternalId ? $"'{pseudonym}'" : "'(erased)'", StringComparison.OrdinalIgnoreCase);
                    changed = true;
                }
            }

            scrubbed += changed ? 1 : 0;
        }

        return scrubbed;
    }

    private sealed record Identifiers(string ExternalId, string? Email, string? Name)
    {
        // The name only with the id or the address beside it: a name alone ("Ann") would match strangers' rows.
        public IEnumerable<string> Searched() => new[] { ExternalId, Email }.OfType<string>();

        public bool Identifies(string field)
        {
            var value = field.Trim();
            return value.Length > 0
                && (string.Equals(value, ExternalId, StringComparison.Ordinal)
                    || string.Equals(ImportValueParser.WholeNumberPart(value).ToString(), ExternalId, StringComparison.Ordinal)
                    || (Email is not null && string.Equals(value, Email, StringComparison.OrdinalIgnoreCase)));
        }

        public bool Names(string field)
        {
            var value = CustomerContact.Name(field);
            return value is not null && Name is not null
                && (string.Equals(value, Name, StringComparison.OrdinalIgnoreCase)
                    || Name.Split(' ').Any(word => string.Equals(word, value, StringComparison.OrdinalIgnoreCase)));
        }
    }
}
