using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Web.Imports;
using CltvDashboard.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Pages.Upload;

/// <summary>Shows how an uploaded file will be read, lets the user correct it, and queues the import.</summary>
public sealed class ReviewModel : PageModel
{
    /// <summary>How many of the preview's problems the page lists.</summary>
    public const int ProblemsShown = 10;

    private const int PreviewRows = 15;
    private readonly UploadStore _uploads;
    private readonly ImportBacklog _queue;
    private readonly CltvDbContext _context;
    private readonly DatasetImport _import;

    public ReviewModel(UploadStore uploads, ImportBacklog queue, CltvDbContext context, DatasetImport import)
    {
        _uploads = uploads;
        _queue = queue;
        _context = context;
        _import = import;
    }

    /// <summary>The mapping fields of the form and their labels.</summary>
    public static IReadOnlyList<(string Field, string Label)> MappingFields { get; } =
    [
        (nameof(ReviewInput.Customer), "Customer (required)"),
        (nameof(ReviewInput.Date), "Date (required)"),
        (nameof(ReviewInput.Amount), "Amount (required)"),
        (nameof(ReviewInput.OrderReference), "Order or invoice"),
        (nameof(ReviewInput.Channel), "Channel"),
        (nameof(ReviewInput.Status), "Status"),
        (nameof(ReviewInput.CurrencyColumn), "Currency column"),
        (nameof(ReviewInput.Quantity), "Quantity"),
        (nameof(ReviewInput.Time), "Time of day"),
        (nameof(ReviewInput.Email), "Customer's e-mail"),
        (nameof(ReviewInput.Name), "Customer's name"),
    ];

    /// <summary>The upload's id.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The user's choices.</summary>
    [BindProperty]
    public ReviewInput Input { get; set; } = new();

    /// <summary>The upload.</summary>
    public PendingImport Pending { get; private set; } = null!;

    /// <summary>The first rows as they would be read; null when the file cannot be read so.</summary>
    public ImportPreview? Preview { get; private set; }

    /// <summary>Whether neither the dataset nor the form names a currency yet.</summary>
    public bool CurrencyUnknown { get; private set; }

    /// <summary>Why the file cannot be read with the current choices.</summary>
    public string? Error { get; private set; }

    /// <summary>The data the store holds now, which the import appends to or replaces; null for an empty store.</summary>
    public Dataset? CurrentDataset { get; private set; }

    /// <summary>
    /// Whether the store holds only the demo: the file then replaces it, the one choice offered, since the demo's
    /// customers and a business's own would make one meaningless customer base (and usually mix currencies).
    /// </summary>
    public bool ReplacesDemo => CurrentDataset is { Kind: DatasetKind.Demo };

    /// <summary>
    /// A column of the file that says where customers are (a Country column) while no channel is chosen: never read
    /// as the acquisition channel on its own, so the page asks; null when there is none or a channel is chosen.
    /// </summary>
    public string? CountryColumn => string.IsNullOrEmpty(Input.Channel)
        ? Preview?.Columns.FirstOrDefault(c => CountryNames.Contains(new string(c.Where(char.IsLetter).ToArray()).ToLowerInvariant()))
        : null;

    private static readonly HashSet<string> CountryNames = ["country", "countrycode", "billingcountry", "shippingcountry", "region"];

    /// <summary>What the checks before queueing found: choices the file contradicts, each with its column and line.</summary>
    public IReadOnlyList<ImportCheckFinding> Findings { get; private set; } = [];

    /// <summary>Reads the file with the detected layout and fills the form from it.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await _uploads.FindAsync(Id, cancellationToken) is not { Queued: false } pending)
        {
            return Gone();
        }

        Pending = pending;
        var settings = await SettingsAsync(cancellationToken);
        CurrentDataset = await _import.CurrentDatasetAsync(cancellationToken);
        if (pending.FailureMessage is not null)
        {
            // Back from a failed import: the choices it was made with, for the user to change rather than redo.
            Input = ReviewInput.From(pending);
            await LoadPreviewAsync(settings, cancellationToken);
            if (pending.Mapping is null && Preview is { } detected)
            {
                Input = Input.WithMapping(detected.SuggestedMapping);
            }

            return Page();
        }

        // A file appended to the business's data is read in its currency unless told otherwise; one that replaces the
        // demo names its own, or is asked for it.
        var mode = ReplacesDemo ? ImportMode.Replace : ImportMode.Append;
        Input = new ReviewInput
        {
            Currency = (mode == ImportMode.Append ? CurrentDataset?.Currency : null) ?? settings.CurrencyCode,
            UseDetected = true,
            Mode = mode,
        };
        Pending = pending with { Mode = mode, Currency = Input.Currency };
        await LoadPreviewAsync(settings, cancellationToken);
        if (Preview is { } preview)
        {
            Input = Input.WithMapping(preview.SuggestedMapping) with
            {
                UseDetected = preview.Layout is not null and not ImportLayout.Mapped,
                DateOrder = preview.SuggestedDateOrder,
            };
        }

        return Page();
    }

    /// <summary>Reads the file again with the user's choices.</summary>
    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken cancellationToken)
    {
        if (await _uploads.FindAsync(Id, cancellationToken) is not { Queued: false } pending)
        {
            return Gone();
        }

        CurrentDataset = await _import.CurrentDatasetAsync(cancellationToken);
        Pending = Apply(pending);
        await LoadPreviewAsync(await SettingsAsync(cancellationToken), cancellationToken);
        return Page();
    }

    /// <summary>Queues the import with the user's choices and shows its progress.</summary>
    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        if (await _uploads.FindAsync(Id, cancellationToken) is not { Queued: false } pending)
        {
            return Gone();
        }

        CurrentDataset = await _import.CurrentDatasetAsync(cancellationToken);
        Pending = Apply(pending);
        var settings = await SettingsAsync(cancellationToken);
        await LoadPreviewAsync(settings, cancellationToken);
        var layoutProblem = Error is not null || Findings.Count > 0;
        Error ??= await CurrencyProblemAsync(cancellationToken);
        if (!layoutProblem)
        {
            // With a currency problem too, so that the review says everything to change at once.
            Findings = await CheckAsync(currencyStandIn: Error is not null, cancellationToken);
        }

        if (Error is not null || Findings.Count > 0)
        {
            return Page();
        }

        var queued = Pending with { Queued = true, FailureMessage = null, FailedAtUtc = null };
        await _uploads.WriteAsync(queued, cancellationToken);
        _queue.Enqueue(queued);
        return RedirectToPage("/Imports/Progress", new { id = queued.Id });
    }

    private PendingImport Apply(PendingImport pending) => pending with
    {
        Mapping = Input.UseDetected ? null : Input.ToMapping(),
        ChannelColumn = Input.UseDetected && !string.IsNullOrEmpty(Input.Channel) ? Input.Channel : null,
        DateOrder = Input.DateOrder,
        DecimalSeparator = Input.DecimalSeparator,
        Currency = string.IsNullOrWhiteSpace(Input.Currency) ? null : Input.Currency.Trim().ToUpperInvariant(),
        Mode = ReplacesDemo ? ImportMode.Replace : Input.Mode,
    };

    // The whole file read with the choices, before it is queued: what the queue would otherwise find too late. With a
    // currency still to settle, the rows are read as a new dataset in "XXX" (ISO 4217's "no currency"), so that the
    // other findings are not hidden behind every row's missing or different currency.
    private async Task<IReadOnlyList<ImportCheckFinding>> CheckAsync(bool currencyStandIn, CancellationToken cancellationToken)
    {
        var options = currencyStandIn
            ? await _import.OptionsAsync(Pending.ToChoices() with { Currency = Pending.Currency ?? "XXX" }, ImportMode.Replace, cancellationToken)
            : await _import.OptionsAsync(Pending.ToChoices(), Pending.Mode, cancellationToken);
        var file = _uploads.Open(Pending.Id);
        await using (file)
        {
            return await Task.Run(() => ImportCheck.Run(file, options), cancellationToken);
        }
    }

    private async Task<BusinessSettings> SettingsAsync(CancellationToken cancellationToken) =>
        await _context.BusinessSettings.AsNoTracking().SingleAsync(cancellationToken);

    private async Task LoadPreviewAsync(BusinessSettings settings, CancellationToken cancellationToken)
    {
        if (!Input.UseDetected && Pending.Mapping is null && Request.Method == HttpMethods.Post)
        {
            Error = $"Choose the column of {Input.MissingRequired()}, or use the detected layout.";
        }
        else if (Pending.Mapping is { } mapping && ImportCheck.MappingConflicts(mapping) is { Count: > 0 } conflicts)
        {
            Findings = conflicts;
        }

        CurrencyUnknown = Pending.Currency is null && settings.CurrencyCode is null
            && (Pending.Mode == ImportMode.Replace || CurrentDataset?.Currency is null);
        var options = await _import.OptionsAsync(Pending.ToChoices(), Pending.Mode, cancellationToken);
        try
        {
            var file = _uploads.Open(Pending.Id);
            await using (file)
            {
                Preview = TransactionFileReader.Preview(file, options, PreviewRows);
            }
        }
        catch (ImportFileException e)
        {
            Error = e.Message;
        }

        // With no currency chosen anywhere, the rows the preview could read name their own: the file has one.
        if (CurrencyUnknown && Preview is { Rows.Count: > 0 })
        {
            CurrencyUnknown = false;
        }

        if (Error is null && Preview is { Layout: null })
        {
            Error = "The columns were not recognised: choose the customer, date and amount columns and refresh the preview.";
        }
    }

    // Checked before the import is queued, on the first rows as the preview reads them: a file whose amounts have no
    // known currency, or appended to data in another currency, would otherwise be refused row by row after the upload.
    private async Task<string?> CurrencyProblemAsync(CancellationToken cancellationToken)
    {
        if (Preview is null)
        {
            return null;
        }

        if (Preview.Problems.Any(p => p.Reason == RejectionReason.NoCurrency))
        {
            return "The file's rows name no currency and none is chosen: enter the currency its amounts are in (an ISO code such as EUR) "
                + "under \"Currency of rows that name none\", then import.";
        }

        if (Pending.Mode != ImportMode.Append || CurrentDataset?.Currency is not { } datasetCurrency)
        {
            return null;
        }

        // Read as if the file started a dataset, to learn the currency its own rows are in.
        var options = await _import.OptionsAsync(Pending.ToChoices(), ImportMode.Replace, cancellationToken);
        var file = _uploads.Open(Pending.Id);
        string? fileCurrency;
        await using (file)
        {
            fileCurrency = TransactionFileReader.Preview(file, options, PreviewRows).Rows is [var first, ..] ? first.Currency : null;
        }

        return fileCurrency is null || fileCurrency == datasetCurrency
            ? null
            : $"Your current data are in {datasetCurrency} and this file's rows are in {fileCurrency}; amounts in two currencies are never summed. "
                + $"Choose Replace to start a new dataset in {fileCurrency} (the current results stay listed under Runs), "
                + $"or, if the amounts really are in {datasetCurrency} and the file names no currency, enter {datasetCurrency} as the currency of rows that name none.";
    }

    private NotFoundResult Gone() =>
        this.NotFoundSaying("This upload is no longer waiting for review: it has been imported, or it was cleared away unused.", "/Imports", "See the imports");
}

/// <summary>The review form.</summary>
public sealed record ReviewInput
{
    /// <summary>Whether to read the file with the detected layout rather than the columns below.</summary>
    public bool UseDetected { get; set; }

    /// <summary>Customer column.</summary>
    public string? Customer { get; set; }

    /// <summary>Date column.</summary>
    public string? Date { get; set; }

    /// <summary>Amount column.</summary>
    public string? Amount { get; set; }

    /// <summary>Order column.</summary>
    public string? OrderReference { get; set; }

    /// <summary>Channel column.</summary>
    public string? Channel { get; set; }

    /// <summary>Status column.</summary>
    public string? Status { get; set; }

    /// <summary>Currency column.</summary>
    public string? CurrencyColumn { get; set; }

    /// <summary>Quantity column.</summary>
    public string? Quantity { get; set; }

    /// <summary>Time column.</summary>
    public string? Time { get; set; }

    /// <summary>The customer's e-mail column (may be the customer column itself).</summary>
    public string? Email { get; set; }

    /// <summary>The customer's name column.</summary>
    public string? Name { get; set; }

    /// <summary>How to read ambiguous dates.</summary>
    public DateOrder DateOrder { get; set; }

    /// <summary>How to read amounts.</summary>
    public DecimalSeparator DecimalSeparator { get; set; }

    /// <summary>Currency of rows that name none.</summary>
    public string? Currency { get; set; }

    /// <summary>Append or replace.</summary>
    public ImportMode Mode { get; set; }

    /// <summary>The column chosen for a field of <see cref="ReviewModel.MappingFields"/>.</summary>
    /// <param name="field">The field's name.</param>
    public string? Selected(string field) => field switch
    {
        nameof(Customer) => Customer,
        nameof(Date) => Date,
        nameof(Amount) => Amount,
        nameof(OrderReference) => OrderReference,
        nameof(Channel) => Channel,
        nameof(Status) => Status,
        nameof(CurrencyColumn) => CurrencyColumn,
        nameof(Quantity) => Quantity,
        nameof(Time) => Time,
        nameof(Email) => Email,
        nameof(Name) => Name,
        _ => null,
    };

    /// <summary>The form as a failed import of the upload left it: the choices that import was made with.</summary>
    /// <param name="pending">The upload.</param>
    public static ReviewInput From(PendingImport pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return new ReviewInput
        {
            UseDetected = pending.Mapping is null,
            DateOrder = pending.DateOrder,
            DecimalSeparator = pending.DecimalSeparator,
            Currency = pending.Currency,
            Mode = pending.Mode,
        }.WithMapping(pending.Mapping);
    }

    /// <summary>The required fields left without a column, in words: "the customer and the date".</summary>
    public string MissingRequired()
    {
        var missing = new List<string>();
        if (string.IsNullOrEmpty(Customer))
        {
            missing.Add("the customer");
        }

        if (string.IsNullOrEmpty(Date))
        {
            missing.Add("the date");
        }

        if (string.IsNullOrEmpty(Amount))
        {
            missing.Add("the amount");
        }

        return missing.Count switch
        {
            1 => missing[0],
            2 => $"{missing[0]} and {missing[1]}",
            _ => "the customer, the date and the amount",
        };
    }

    /// <summary>The mapping chosen, or null without the three required columns.</summary>
    public ColumnMapping? ToMapping() =>
        string.IsNullOrEmpty(Customer) || string.IsNullOrEmpty(Date) || string.IsNullOrEmpty(Amount)
            ? null
            : new ColumnMapping(Customer, Date, Amount)
            {
                OrderReference = Blank(OrderReference),
                Channel = Blank(Channel),
                Status = Blank(Status),
                Currency = Blank(CurrencyColumn),
                Quantity = Blank(Quantity),
                Time = Blank(Time),
                Email = Blank(Email),
                Name = Blank(Name),
            };

    /// <summary>The form filled from a suggested mapping.</summary>
    /// <param name="mapping">The suggestion, or null to keep the form.</param>
    public ReviewInput WithMapping(ColumnMapping? mapping) => mapping is null
        ? this
        : this with
        {
            Customer = mapping.Customer,
            Date = mapping.Date,
            Amount = mapping.Amount,
            OrderReference = mapping.OrderReference,
            Channel = mapping.Channel,
            Status = mapping.Status,
            CurrencyColumn = mapping.Currency,
            Quantity = mapping.Quantity,
            Time = mapping.Time,
            Email = mapping.Email,
            Name = mapping.Name,
        };

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
