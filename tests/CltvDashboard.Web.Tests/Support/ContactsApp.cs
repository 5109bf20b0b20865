using System.Text;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>
/// The application with the CDNOW sample and a few customers who came with an e-mail address and a name, one finished
/// run, and every log line written to a file (all levels, every property) so that a test can read what was logged.
/// </summary>
public abstract class ContactsApp : AppFixture
{
    /// <summary>The customers with contacts: id, e-mail as the file writes it, name.</summary>
    public static readonly (string Id, string Email, string Name)[] Contacts =
    [
        ("ann-7731", "Ann.Erase@Example.com", "Ann Erasewell"),
        ("bob-4410", "bob.keep@example.com", "Bob Keeper"),
        ("cy-5520", "cy.shown@example.com", "Cy Shownley"),
        ("dee-8812", "dee.audience@example.com", "Dee Audience"),
    ];

    /// <summary>When the run is computed: the CDNOW sample's last day.</summary>
    public static readonly DateOnly AsOf = new(1998, 6, 30);

    private readonly TextLog _log = new();

    /// <summary>The first run.</summary>
    public long RunId { get; private set; }

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["Serilog:MinimumLevel:Default"] = "Debug",
        ["Serilog:MinimumLevel:Override:Microsoft"] = "Information",
    };

    /// <inheritdoc />
    protected override Action<IServiceCollection>? TestServices => services => services.AddSingleton<ILogEventSink>(_log);

    /// <summary>Everything logged so far, each event rendered with all its properties.</summary>
    public string LogText() => _log.Text();

    /// <summary>Recalculates as of <see cref="AsOf"/>, as a run after the nightly would.</summary>
    public async Task<long> RecalculateAsync()
    {
        await using var context = App.CreateContext();
        var summary = await new RecalculationPipeline(context).RecalculateAsync(CalculationTrigger.Manual, AsOf);
        summary.Status.Should().Be(CalculationRunStatus.Succeeded);
        return summary.RunId;
    }

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var options = new ImportOptions { Now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Currency = "USD" };
        await using (var sample = File.OpenRead(TestDataFiles.CdnowSample))
        {
            await new TransactionImporter(App.Database).ImportAsync(sample, new ImportRequest("cdnow_sample.csv", options, ImportMode.Append, "tests"));
        }

        var csv = new StringBuilder("customer_id,date,amount,email,customer_name\n");
        foreach (var (id, email, name) in Contacts)
        {
            csv.Append($"{id},1997-01-10,20.00,{email},{name}\n{id},1997-03-15,35.00,{email},{name}\n{id},1997-09-02,15.00,{email},{name}\n");
        }

        csv.Append($"{Contacts[0].Id},not a date,5.00,{Contacts[0].Email},{Contacts[0].Name}\n");
        await using var contacts = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        await new TransactionImporter(App.Database).ImportAsync(contacts, new ImportRequest("contacts.csv", options, ImportMode.Append, "tests"));
        RunId = await RecalculateAsync();
    }

    // Serilog takes sinks from the services (ReadFrom.Services): every event the application logs comes here.
    private sealed class TextLog : ILogEventSink
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _gate = new();

        public void Emit(LogEvent logEvent)
        {
            using var line = new StringWriter();
            logEvent.RenderMessage(line);
            foreach (var (name, value) in logEvent.Properties)
            {
                line.Write($" {name}={value}");
            }

            line.Write($" {logEvent.Exception}");
            lock (_gate)
            {
                _text.AppendLine(line.ToString());
            }
        }

        public string Text()
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }
}
