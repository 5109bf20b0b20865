using System.Globalization;
using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>Totals per segment for every segmentation, and the movement of customers since the previous run.</summary>
internal sealed class SegmentAggregator(BusinessSettings settings, CustomerResult[] customers, IReadOnlyDictionary<long, PreviousSegments>? previous)
{
    private readonly Dictionary<DateOnly, string> _cohortNames = [];

    public IReadOnlyList<RunSegmentSummary> Summaries()
    {
        var costs = settings.AcquisitionCosts.ToDictionary(c => c.Channel, c => c.CostPerCustomer, StringComparer.Ordinal);
        var hasModel = customers.Length > 0 && customers[0].ProbabilityAlive is not null;
        var summaries = new List<RunSegmentSummary>();
        Dictionary<long, int>? positions = null;
        if (previous is not null)
        {
            positions = new Dictionary<long, int>(customers.Length);
            for (var i = 0; i < customers.Length; i++)
            {
                positions[customers[i].CustomerId] = i;
            }
        }

        foreach (var segmentation in Segmentations.All)
        {
            var current = (Func<CustomerResult, string>)(segmentation switch
            {
                Segmentations.Rfm => c => c.Segment,
                Segmentations.ValueTier => c => c.ValueTier,
                Segmentations.ChurnRisk => c => c.ChurnRiskBand,
                Segmentations.AcquisitionCohort => c => CachedCohortName(c.AcquisitionCohort),
                _ => c => ChannelName(c.AcquisitionChannel),
            });
            var before = (Func<PreviousSegments, string>)(segmentation switch
            {
                Segmentations.Rfm => p => p.Rfm,
                Segmentations.ValueTier => p => p.ValueTier,
                Segmentations.ChurnRisk => p => p.ChurnRisk,
                Segmentations.AcquisitionCohort => p => CachedCohortName(p.Cohort),
                _ => p => ChannelName(p.Channel),
            });

            var totals = new Dictionary<string, Totals>(StringComparer.Ordinal);
            foreach (var customer in customers)
            {
                var segment = current(customer);
                if (!totals.TryGetValue(segment, out var total))
                {
                    total = new Totals();
                    totals[segment] = total;
                }

                total.Add(customer);
                if (previous is not null)
                {
                    if (!previous.TryGetValue(customer.CustomerId, out var earlier) || before(earlier) != segment)
                    {
                        total.MovedIn++;
                    }
                }
            }

            if (previous is not null)
            {
                foreach (var (id, earlier) in previous)
                {
                    var segment = before(earlier);
                    if (!totals.TryGetValue(segment, out var total))
                    {
                        total = new Totals();
                        totals[segment] = total;
                    }

                    total.PreviousCount++;
                    if (!positions!.TryGetValue(id, out var position) || current(customers[position]) != segment)
                    {
                        total.MovedOut++;
                    }
                }
            }

            foreach (var (segment, total) in totals.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                decimal? cost = segmentation == Segmentations.AcquisitionChannel && costs.TryGetValue(segment, out var c) ? c : null;
                summaries.Add(total.ToSummary(segmentation, segment, customers.Length, hasModel, cost, previous is not null));
            }
        }

        return summaries;
    }

    // Formatting a name per customer would allocate two million strings for a few dozen distinct months.
    private string CachedCohortName(DateOnly cohort)
    {
        if (!_cohortNames.TryGetValue(cohort, out var name))
        {
            _cohortNames[cohort] = name = CohortName(cohort);
        }

        return name;
    }

    /// <summary>Counts of customers per (previous segment, segment) for the segmentations customers move between.</summary>
    public IReadOnlyList<RunSegmentMigration> Migrations()
    {
        var migrations = new List<RunSegmentMigration>();
        if (previous is null)
        {
            return migrations;
        }

        var segmentations = new (string Name, Func<CustomerResult, string> Current, Func<PreviousSegments, string> Before)[]
        {
            (Segmentations.Rfm, c => c.Segment, p => p.Rfm),
            (Segmentations.ValueTier, c => c.ValueTier, p => p.ValueTier),
            (Segmentations.ChurnRisk, c => c.ChurnRiskBand, p => p.ChurnRisk),
        };
        var present = new HashSet<long>(customers.Length);
        foreach (var customer in customers)
        {
            present.Add(customer.CustomerId);
        }

        foreach (var (name, current, before) in segmentations)
        {
            var counts = new Dictionary<(string? From, string? To), int>();
            foreach (var customer in customers)
            {
                string? from = previous.TryGetValue(customer.CustomerId, out var earlier) ? before(earlier) : null;
                var key = (from, (string?)current(customer));
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }

            foreach (var (id, earlier) in previous)
            {
                if (!present.Contains(id))
                {
                    var key = ((string?)before(earlier), (string?)null);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }

            migrations.AddRange(counts
                .OrderBy(c => c.Key.From, StringComparer.Ordinal)
                .ThenBy(c => c.Key.To, StringComparer.Ordinal)
                .Select(c => new RunSegmentMigration { Segmentation = name, FromSegment = c.Key.From, ToSegment = c.Key.To, CustomerCount = c.Value }));
        }

        return migrations;
    }

    public static string CohortName(DateOnly cohort) => cohort.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string ChannelName(string? channel) => string.IsNullOrEmpty(channel) ? RunCalculator.Unknown : channel;

    private sealed class Totals
    {
        public int Count { get; private set; }

        public int PreviousCount { get; set; }

        public int MovedIn { get; set; }

        public int MovedOut { get; set; }

        private decimal Revenue { get; set; }

        private long Occasions { get; set; }

        private int Repeaters { get; set; }

        private decimal Clv { get; set; }

        private double Alive { get; set; }

        private double Purchases { get; set; }

        public void Add(CustomerResult customer)
        {
            Count++;
            Revenue += customer.TotalRevenue;
            Occasions += customer.Frequency + 1;
            Repeaters += customer.Frequency > 0 ? 1 : 0;
            Clv += customer.PredictedClv ?? 0m;
            Alive += customer.ProbabilityAlive ?? 0;
            Purchases += customer.ExpectedPurchases ?? 0;
        }

        public RunSegmentSummary ToSummary(string segmentation, string segment, int allCustomers, bool hasModel, decimal? cost, bool hasPrevious)
        {
            // A segment that only existed in the previous run has no customers now: its means are zero.
            var meanClv = Count > 0 ? Math.Round(Clv / Count, 4, MidpointRounding.AwayFromZero) : 0m;
            return new RunSegmentSummary
            {
                Segmentation = segmentation,
                Segment = segment,
                CustomerCount = Count,
                Share = allCustomers > 0 ? (double)Count / allCustomers : 0,
                TotalRevenue = Revenue,
                AverageOrderValue = Occasions > 0 ? Math.Round(Revenue / Occasions, 4, MidpointRounding.AwayFromZero) : 0m,
                RepeatRate = Count > 0 ? (double)Repeaters / Count : 0,
                TotalPredictedClv = hasModel ? Clv : null,
                AveragePredictedClv = hasModel ? meanClv : null,
                AverageProbabilityAlive = hasModel && Count > 0 ? Alive / Count : null,
                TotalExpectedPurchases = hasModel ? Purchases : null,
                AcquisitionCostPerCustomer = cost,
                ClvToCac = hasModel && cost is > 0m ? (double)(meanClv / cost.Value) : null,
                PreviousCustomerCount = hasPrevious ? PreviousCount : null,
                CustomersMovedIn = hasPrevious ? MovedIn : null,
                CustomersMovedOut = hasPrevious ? MovedOut : null,
            };
        }
    }
}
