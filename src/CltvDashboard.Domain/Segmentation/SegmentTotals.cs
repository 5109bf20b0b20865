using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Clv.Valuation;

namespace CltvDashboard.Domain.Segmentation;

/// <summary>One segment's totals in one analysis, for one segmentation.</summary>
/// <param name="Segmentation">The segmentation's key (<see cref="Segmentations"/>).</param>
/// <param name="Segment">The segment's name.</param>
/// <param name="CustomerCount">Customers in the segment.</param>
/// <param name="Share">The segment's share of all customers, 0–1.</param>
/// <param name="TotalRevenue">Net revenue of its customers.</param>
/// <param name="AverageOrderValue">Net revenue per purchase occasion, rounded to 4 places.</param>
/// <param name="RepeatRate">Share of its customers with a repeat purchase occasion, 0–1.</param>
/// <param name="TotalPredictedClv">Sum of predicted CLV; null without a count model.</param>
/// <param name="AveragePredictedClv">Mean predicted CLV, rounded to 4 places; null without a count model.</param>
/// <param name="AverageProbabilityAlive">Mean P(alive); null without a count model or customers.</param>
/// <param name="TotalExpectedPurchases">Sum of expected purchases over the horizon; null without a count model.</param>
/// <param name="AcquisitionCostPerCustomer">The channel's acquisition cost (channel segments only).</param>
/// <param name="ClvToCac">Mean predicted CLV over the acquisition cost; null without a positive cost or a model.</param>
/// <param name="PreviousCustomerCount">Customers in the segment in the previous run; null without one.</param>
/// <param name="CustomersMovedIn">Customers now in the segment who were elsewhere (or absent) before; null without a previous run.</param>
/// <param name="CustomersMovedOut">Customers in the segment before who are elsewhere (or absent) now; null without a previous run.</param>
/// <param name="RuleOfThumbClv">The owners' rule of thumb per customer for the segment's own purchase value and frequency with the base's lifespan (<see cref="RuleOfThumbTally"/>); null without a lifespan or customers.</param>
public sealed record SegmentTotal(
    string Segmentation,
    string Segment,
    int CustomerCount,
    double Share,
    decimal TotalRevenue,
    decimal AverageOrderValue,
    double RepeatRate,
    decimal? TotalPredictedClv,
    decimal? AveragePredictedClv,
    double? AverageProbabilityAlive,
    double? TotalExpectedPurchases,
    decimal? AcquisitionCostPerCustomer,
    double? ClvToCac,
    int? PreviousCustomerCount,
    int? CustomersMovedIn,
    int? CustomersMovedOut,
    decimal? RuleOfThumbClv);

/// <summary>Customers who were in one segment in the previous run and are in another (or the same) now.</summary>
/// <param name="Segmentation">The segmentation's key.</param>
/// <param name="FromSegment">The segment before; null for customers new since the previous run.</param>
/// <param name="ToSegment">The segment now; null for customers no longer in the data.</param>
/// <param name="CustomerCount">How many customers moved so.</param>
public sealed record SegmentMove(string Segmentation, string? FromSegment, string? ToSegment, int CustomerCount);

/// <summary>Totals per segment for every segmentation, and the movement of customers since a previous run.</summary>
public sealed class SegmentTotals
{
    private readonly CustomerResult[] _customers;
    private readonly IReadOnlyDictionary<string, PreviousSegments>? _previous;
    private readonly Dictionary<DateOnly, string> _cohortNames = [];

    /// <summary>Prepares the totals of an analysis's customers.</summary>
    /// <param name="customers">The customers, each with all segments assigned.</param>
    /// <param name="previous">Each customer's segments in the previous run, by customer id; null when there was none.</param>
    public SegmentTotals(CustomerResult[] customers, IReadOnlyDictionary<string, PreviousSegments>? previous)
    {
        ArgumentNullException.ThrowIfNull(customers);
        _customers = customers;
        _previous = previous;
    }

    /// <summary>The totals of every segmentation, in display order, each segmentation's segments by name.</summary>
    /// <param name="acquisitionCosts">Acquisition cost per customer by channel.</param>
    /// <param name="retention">The base's observed yearly retention, for every segment's rule of thumb.</param>
    public IReadOnlyList<SegmentTotal> Summaries(IReadOnlyDictionary<string, decimal> acquisitionCosts, ObservedRetention retention)
    {
        ArgumentNullException.ThrowIfNull(acquisitionCosts);
        ArgumentNullException.ThrowIfNull(retention);
        var customers = _customers;
        var costs = CustomerAcquisitionCosts(acquisitionCosts);
        var previous = _previous;
        var hasModel = customers.Length > 0 && customers[0].ProbabilityAlive is not null;
        var summaries = new List<SegmentTotal>();
        Dictionary<string, int>? positions = null;
        if (previous is not null)
        {
            positions = new Dictionary<string, int>(customers.Length, StringComparer.Ordinal);
            for (var i = 0; i < customers.Length; i++)
            {
                positions[customers[i].CustomerId] = i;
            }
        }

        foreach (var segmentation in Segmentations.All)
        {
            var totals = new Dictionary<string, Totals>(StringComparer.Ordinal);
            for (var i = 0; i < customers.Length; i++)
            {
                ref readonly var customer = ref customers[i];
                var segment = SegmentOf(segmentation, customer);
                if (!totals.TryGetValue(segment, out var total))
                {
                    total = new Totals();
                    totals[segment] = total;
                }

                total.Add(customer, costs[i]);
                if (previous is not null
                    && (!previous.TryGetValue(customer.CustomerId, out var earlier) || SegmentOf(segmentation, earlier) != segment))
                {
                    total.MovedIn++;
                }
            }

            if (previous is not null)
            {
                foreach (var (id, earlier) in previous)
                {
                    var segment = SegmentOf(segmentation, earlier);
                    if (!totals.TryGetValue(segment, out var total))
                    {
                        total = new Totals();
                        totals[segment] = total;
                    }

                    total.PreviousCount++;
                    if (!positions!.TryGetValue(id, out var position) || SegmentOf(segmentation, customers[position]) != segment)
                    {
                        total.MovedOut++;
                    }
                }
            }

            foreach (var (segment, total) in totals.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                decimal? cost = segmentation == Segmentations.AcquisitionChannel && acquisitionCosts.TryGetValue(segment, out var c) ? c : null;
                summaries.Add(total.ToSummary(segmentation, segment, customers.Length, hasModel, cost, previous is not null, retention));
            }
        }

        return summaries;
    }

    /// <summary>The owners' rule of thumb for the whole customer base; null without customers.</summary>
    /// <param name="acquisitionCosts">Acquisition cost per customer by channel.</param>
    /// <param name="retention">The base's observed yearly retention.</param>
    public RuleOfThumbFigures? RuleOfThumb(IReadOnlyDictionary<string, decimal> acquisitionCosts, ObservedRetention retention)
    {
        ArgumentNullException.ThrowIfNull(acquisitionCosts);
        ArgumentNullException.ThrowIfNull(retention);
        var costs = CustomerAcquisitionCosts(acquisitionCosts);
        var tally = new RuleOfThumbTally();
        for (var i = 0; i < _customers.Length; i++)
        {
            tally.Add(_customers[i], costs[i]);
        }

        return tally.Figures(retention);
    }

    // Each customer's channel's cost, 0 where none is set: the rule subtracts acquisition cost only where it is known.
    private decimal[] CustomerAcquisitionCosts(IReadOnlyDictionary<string, decimal> acquisitionCosts)
    {
        var costs = new decimal[_customers.Length];
        if (acquisitionCosts.Count == 0)
        {
            return costs;
        }

        for (var i = 0; i < costs.Length; i++)
        {
            costs[i] = acquisitionCosts.GetValueOrDefault(Segmentations.ChannelSegment(_customers[i].AcquisitionChannel));
        }

        return costs;
    }

    /// <summary>Counts of customers per (previous segment, segment) for the segmentations that track movement; empty without a previous run.</summary>
    public IReadOnlyList<SegmentMove> Moves()
    {
        var moves = new List<SegmentMove>();
        var previous = _previous;
        if (previous is null)
        {
            return moves;
        }

        var present = new HashSet<string>(_customers.Length, StringComparer.Ordinal);
        foreach (var customer in _customers)
        {
            present.Add(customer.CustomerId);
        }

        foreach (var segmentation in Segmentations.Tracked)
        {
            var key = segmentation.Key;
            var counts = new Dictionary<(string? From, string? To), int>();
            foreach (var customer in _customers)
            {
                string? from = previous.TryGetValue(customer.CustomerId, out var earlier) ? SegmentOf(key, earlier) : null;
                var pair = (from, (string?)SegmentOf(key, customer));
                counts[pair] = counts.GetValueOrDefault(pair) + 1;
            }

            foreach (var (id, earlier) in previous)
            {
                if (!present.Contains(id))
                {
                    var pair = ((string?)SegmentOf(key, earlier), (string?)null);
                    counts[pair] = counts.GetValueOrDefault(pair) + 1;
                }
            }

            moves.AddRange(counts
                .OrderBy(c => c.Key.From, StringComparer.Ordinal)
                .ThenBy(c => c.Key.To, StringComparer.Ordinal)
                .Select(c => new SegmentMove(key, c.Key.From, c.Key.To, c.Value)));
        }

        return moves;
    }

    /// <summary>Each customer's segment of one segmentation as a number, and the segments' names by number, in order of first appearance.</summary>
    /// <param name="segmentation">One of <see cref="Segmentations.All"/>.</param>
    internal (int[] SegmentOf, string[] Names) Numbered(string segmentation)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var segmentOf = new int[_customers.Length];
        for (var i = 0; i < _customers.Length; i++)
        {
            var segment = SegmentOf(segmentation, _customers[i]);
            if (!numbers.TryGetValue(segment, out var number))
            {
                number = numbers.Count;
                numbers.Add(segment, number);
            }

            segmentOf[i] = number;
        }

        var names = new string[numbers.Count];
        foreach (var (name, number) in numbers)
        {
            names[number] = name;
        }

        return (segmentOf, names);
    }

    private string SegmentOf(string segmentation, in CustomerResult customer) => segmentation switch
    {
        Segmentations.Rfm => customer.Segment,
        Segmentations.ValueTier => customer.ValueTier,
        Segmentations.ChurnRisk => customer.ChurnRiskBand,
        Segmentations.AcquisitionCohort => CohortName(customer.AcquisitionCohort),
        Segmentations.AcquisitionChannel => Segmentations.ChannelSegment(customer.AcquisitionChannel),
        _ => throw new ArgumentOutOfRangeException(nameof(segmentation), segmentation, "Unknown segmentation."),
    };

    private string SegmentOf(string segmentation, in PreviousSegments earlier) => segmentation switch
    {
        Segmentations.Rfm => earlier.Rfm,
        Segmentations.ValueTier => earlier.ValueTier,
        Segmentations.ChurnRisk => earlier.ChurnRisk,
        Segmentations.AcquisitionCohort => CohortName(earlier.Cohort),
        Segmentations.AcquisitionChannel => Segmentations.ChannelSegment(earlier.Channel),
        _ => throw new ArgumentOutOfRangeException(nameof(segmentation), segmentation, "Unknown segmentation."),
    };

    // Formatting a name per customer would allocate two million strings for a few dozen distinct months.
    private string CohortName(DateOnly cohort)
    {
        if (!_cohortNames.TryGetValue(cohort, out var name))
        {
            _cohortNames[cohort] = name = Segmentations.CohortSegment(cohort);
        }

        return name;
    }

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

        private RuleOfThumbTally RuleOfThumb { get; } = new();

        public void Add(in CustomerResult customer, decimal acquisitionCost)
        {
            RuleOfThumb.Add(customer, acquisitionCost);
            Count++;
            Revenue += customer.TotalRevenue;
            Occasions += customer.Frequency + 1;
            Repeaters += customer.Frequency > 0 ? 1 : 0;
            Clv += customer.PredictedClv ?? 0m;
            Alive += customer.ProbabilityAlive ?? 0;
            Purchases += customer.ExpectedPurchases ?? 0;
        }

        public SegmentTotal ToSummary(string segmentation, string segment, int allCustomers, bool hasModel, decimal? cost, bool hasPrevious, ObservedRetention retention)
        {
            // A segment that only existed in the previous run has no customers now: its means are zero.
            var meanClv = Count > 0 ? Math.Round(Clv / Count, 4, MidpointRounding.AwayFromZero) : 0m;
            return new SegmentTotal(
                segmentation,
                segment,
                Count,
                allCustomers > 0 ? (double)Count / allCustomers : 0,
                Revenue,
                Occasions > 0 ? Math.Round(Revenue / Occasions, 4, MidpointRounding.AwayFromZero) : 0m,
                Count > 0 ? (double)Repeaters / Count : 0,
                hasModel ? Clv : null,
                hasModel ? meanClv : null,
                hasModel && Count > 0 ? Alive / Count : null,
                hasModel ? Purchases : null,
                cost,
                hasModel && cost is > 0m ? (double)(meanClv / cost.Value) : null,
                hasPrevious ? PreviousCount : null,
                hasPrevious ? MovedIn : null,
                hasPrevious ? MovedOut : null,
                RuleOfThumb.Figures(retention)?.Clv);
        }
    }
}
