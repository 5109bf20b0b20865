using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Domain.Clv.Valuation;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Validation;

namespace CltvDashboard.Domain.Tests.Analysis;

public class CustomerBaseAnalysisTests
{
    // The last six months of the CDNOW data are the holdout: calibration to 1997-12-30, as the pipeline's default.
    private static readonly DateOnly CalibrationEnd = new(1997, 12, 30);

    private static readonly AnalysisSettings Settings = new(
        TimeUnit.Week,
        HoldoutMonths: 6,
        new ValuationOptions(12, ValuationOptions.MonthlyRateFromAnnual(0.1), 0.3, TimeUnit.Week),
        new ValueTierRule(0.2, 0.3),
        new ChurnRiskRule(0.3, 0.6),
        new Dictionary<string, decimal>());

    private static readonly Lazy<TransactionSummary> Calibration = new(() =>
        new CustomerSummaryBuilder(SampleLog()).Build(new SummaryPeriod(CalibrationEnd, Cdnow.ObservationEnd, TimeUnit.Week)));

    private static readonly Lazy<AnalysisResult> Sample = new(() => CustomerBaseAnalysis.Run(SampleLog(), Cdnow.ObservationEnd, Settings));

    [Fact]
    public void Holdout_choice_is_the_one_the_command_line_makes_on_the_same_split()
    {
        var attempts = CustomerBaseAnalysis.FitCountModels(Calibration.Value.Histories());
        var expected = CustomerBaseAnalysis.ChooseCountModel(attempts, Calibration.Value)!;

        var result = Sample.Value;

        result.CalibrationEnd.Should().Be(CalibrationEnd);
        result.ChosenModel.Should().Be(expected.Chosen.Model.Name);
        result.ModelChoiceReason.Should().Be(expected.Reason + " Its forecasts come from a refit on the full history.");
    }

    [Fact]
    public void Calibration_fits_are_the_catalogs_fits_with_their_holdout_reports()
    {
        var result = Sample.Value;

        var calibration = result.ModelFits.Where(f => f.Period == FitPeriod.Calibration).ToList();
        calibration.Select(f => f.ModelName).Should().Equal(CountModelCatalog.Names);
        foreach (var fit in calibration)
        {
            var direct = CountModelCatalog.Get(fit.ModelName).Fit(Calibration.Value.Histories());
            fit.Parameters.Should().Equal(direct.Model.ParameterValues);
            fit.LogLikelihood.Should().Be(direct.LogLikelihood);
            fit.Holdout!.TotalActual.Should().Be(Calibration.Value.Customers.Sum(c => c.HoldoutFrequency));
            fit.CustomersUsed.Should().Be(Calibration.Value.Customers.Count);
        }

        calibration.Should().ContainSingle(f => f.IsChosen).Which.ModelName.Should().Be(result.ChosenModel);
        result.ModelFits.Should().ContainSingle(f => f.Period == FitPeriod.FullHistory && f.ModelName == result.ChosenModel && f.IsChosen);
        result.ModelFits.Should().ContainSingle(f => f.ModelName == GammaGammaParameters.ModelName && f.IsChosen);
        result.ModelChecks.Should().Contain(p => p.Kind == ModelCheckKind.Tracking && p.InHoldout)
            .And.Contain(p => p.Kind == ModelCheckKind.Frequency);
    }

    [Fact]
    public void Every_customer_is_valued_and_in_one_segment_of_each_segmentation()
    {
        var result = Sample.Value;

        result.Customers.Should().HaveCount(2357);
        result.Customers.Should().OnlyContain(c => c.ProbabilityAlive >= 0 && c.ProbabilityAlive <= 1 && c.PredictedClv >= 0);
        foreach (var segmentation in Segmentations.All)
        {
            result.Segments.Where(s => s.Segmentation == segmentation).Sum(s => s.CustomerCount).Should().Be(2357, segmentation);
        }

        result.Customers.Count(c => c.ValueTier == ValueTierRule.Top).Should().Be((int)Math.Ceiling(2357 * 0.2));
        result.Segments.Where(s => s.Segmentation == Segmentations.ValueTier).Sum(s => s.TotalPredictedClv)
            .Should().Be(result.Customers.Sum(c => c.PredictedClv));
        result.Moves.Should().BeEmpty();
        result.Segments.Should().OnlyContain(s => s.PreviousCustomerCount == null);
    }

    [Fact]
    public void Each_customer_has_the_chosen_models_chance_of_buying_again_within_the_window_its_band_and_next_purchase()
    {
        var result = Sample.Value;
        var fit = result.ModelFits.Single(f => f.Period == FitPeriod.FullHistory && f.IsChosen && f.ModelName == result.ChosenModel);
        var model = CountModelCatalog.Get(fit.ModelName).Rebuild(fit.Parameters)!;
        var window = TimeUnit.Week.FromDays(AnalysisSettings.DefaultPurchaseWindowDays);

        foreach (var customer in result.Customers)
        {
            var history = new PurchaseHistory(customer.Frequency, customer.RecencyDays / 7, customer.TenureDays / 7);
            var chance = model.ProbabilityOfPurchase(history, window);

            customer.PurchaseProbability.Should().BeApproximately(chance, 1e-9, customer.CustomerId);
            customer.ChurnRiskBand.Should().Be(Settings.ChurnRisk.Band(chance), customer.CustomerId);
            customer.ExpectedNextPurchase.Should().Be(
                NextPurchase.DateOfEvenChance(result.ObservationEnd, NextPurchase.TimeToEvenChance(model, history), TimeUnit.Week), customer.CustomerId);
        }

        result.Customers.Select(c => c.ChurnRiskBand).Distinct().Should().BeEquivalentTo(ChurnRiskRule.Bands);
        result.Customers.Where(c => c.Frequency == 0 && c.TenureDays > 365).Should().NotBeEmpty()
            .And.OnlyContain(c => c.ChurnRiskBand == ChurnRiskRule.High, "a one-time buyer of long ago is unlikely to buy within 90 days");
        result.Customers.Should().Contain(c => c.ExpectedNextPurchase == null).And.Contain(c => c.ExpectedNextPurchase > result.ObservationEnd);
    }

    [Fact]
    public void Against_itself_as_the_previous_run_nobody_moves()
    {
        var first = Sample.Value;
        var previous = first.Customers.ToDictionary(
            c => c.CustomerId,
            c => new PreviousSegments(c.Segment, c.ValueTier, c.ChurnRiskBand, c.AcquisitionCohort, c.AcquisitionChannel));

        var second = CustomerBaseAnalysis.Run(SampleLog(), Cdnow.ObservationEnd, Settings, new CustomerBaseContext(null, previous));

        second.Moves.Select(m => m.Segmentation).Distinct().Should().Equal(Segmentations.Tracked.Select(s => s.Key));
        second.Moves.Should().OnlyContain(m => m.FromSegment == m.ToSegment);
        second.Segments.Should().OnlyContain(s => s.CustomersMovedIn == 0 && s.CustomersMovedOut == 0 && s.PreviousCustomerCount == s.CustomerCount);
    }

    [Fact]
    public void Channels_split_the_cohorts_and_name_the_unknown_channel()
    {
        var result = CustomerBaseAnalysis.Run(
            SampleLog(), Cdnow.ObservationEnd, Settings, new CustomerBaseContext(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? "web" : null, null));

        result.ChannelCohorts.Keys.Should().BeEquivalentTo(["web", Segmentations.Unknown]);
        result.Segments.Where(s => s.Segmentation == Segmentations.AcquisitionChannel).Select(s => s.Segment).Should().Equal(Segmentations.Unknown, "web");
        result.Customers.Where(c => c.AcquisitionChannel is null).Should().NotBeEmpty();
    }

    [Fact]
    public void Without_a_holdout_the_model_is_chosen_by_its_fit_on_the_full_history()
    {
        var result = CustomerBaseAnalysis.Run(SampleLog(), Cdnow.ObservationEnd, Settings with { HoldoutMonths = 0 });

        result.CalibrationEnd.Should().BeNull();
        result.ModelChecks.Should().BeEmpty();
        result.ModelFits.Should().OnlyContain(f => f.Period == FitPeriod.FullHistory);
        result.ModelChoiceReason.Should().Contain("there is no holdout period");
    }

    [Fact]
    public void Stages_are_reported_in_order()
    {
        var stages = new List<AnalysisStage>();

        CustomerBaseAnalysis.Run(SampleLog(), Cdnow.ObservationEnd, Settings, enterStage: stages.Add);

        stages.Should().Equal(
            AnalysisStage.Summarising, AnalysisStage.Rfm, AnalysisStage.Cohorts, AnalysisStage.FittingCalibration, AnalysisStage.Holdout,
            AnalysisStage.FittingChosen, AnalysisStage.FittingSpend, AnalysisStage.Forecasting, AnalysisStage.Segmenting);
    }

    [Fact]
    public void A_period_before_the_first_purchase_cannot_be_analysed()
    {
        var run = () => CustomerBaseAnalysis.Run(SampleLog(), new DateOnly(1996, 12, 31), Settings);

        run.Should().Throw<AnalysisException>().WithMessage("No customer has a purchase on or before 1996-12-31*");
    }

    [Fact]
    public void Rule_of_thumb_is_the_domain_formula_on_the_base_and_on_each_segment_with_the_bases_lifespan()
    {
        var costs = new Dictionary<string, decimal> { ["web"] = 12m };
        var result = CustomerBaseAnalysis.Run(
            SampleLog(), Cdnow.ObservationEnd, Settings with { AcquisitionCosts = costs },
            new CustomerBaseContext(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? "web" : null, null));
        var full = new CustomerSummaryBuilder(SampleLog()).Build(new SummaryPeriod(Cdnow.ObservationEnd, Cdnow.ObservationEnd, TimeUnit.Week));
        var retention = RuleOfThumbClv.ObservedYearlyRetention(SampleLog(), Cdnow.ObservationEnd);
        var lifespan = RuleOfThumbClv.LifespanFromRetention(retention)!.Value;

        double Expected(IReadOnlyList<CustomerSummary> group)
        {
            var averages = RuleOfThumbClv.Averages(group, Cdnow.ObservationEnd);
            var cost = group.Sum(c => int.Parse(c.CustomerId, System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? 12.0 : 0) / group.Count;
            return RuleOfThumbClv.Compute(averages.AveragePurchaseValue, averages.PurchasesPerYear, lifespan, cost);
        }

        retention.Rate.Should().BeInRange(0.01, 0.99, "some CDNOW customers of the first half year bought again in the last year, not all");
        result.RuleOfThumb.YearlyRetention.Should().Be(retention.Rate);
        result.RuleOfThumb.LifespanYears.Should().Be(lifespan);
        ((double)result.RuleOfThumb.Clv!.Value).Should().BeApproximately(Expected(full.Customers), 1e-3);
        var segmentOf = result.Customers.ToDictionary(c => c.CustomerId, c => c.Segment);
        foreach (var segment in result.Segments.Where(s => s.Segmentation == Segmentations.Rfm && s.CustomerCount > 0))
        {
            var group = full.Customers.Where(c => segmentOf[c.CustomerId] == segment.Segment).ToList();
            ((double)segment.RuleOfThumbClv!.Value).Should().BeApproximately(Expected(group), 1e-3, segment.Segment);
        }
    }

    private static TransactionLog SampleLog()
    {
        var log = new TransactionLog();
        foreach (var row in Cdnow.Sample)
        {
            log.Add(row);
        }

        return log;
    }
}
