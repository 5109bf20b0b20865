using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CltvDashboard.Cli.Output;
using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Domain.Clv.Valuation;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Uncertainty;

namespace CltvDashboard.Cli.Commands;

/// <summary><c>cltv predict</c>: one row of predictions per customer, written to a CSV file.</summary>
internal static class PredictCommand
{
    private const string Auto = "auto";

    /// <summary>The horizon when there is no holdout to match: a year of 52 weeks.</summary>
    private const double DefaultHorizonDays = 52 * 7;

    public static Command Create(TextWriter error)
    {
        var options = new AnalysisOptions();
        var model = new Option<string>("--model", "-m")
        {
            Description = $"Purchase-count model: {string.Join(", ", CountModelCatalog.Names)}, or {Auto} to choose by holdout error.",
            DefaultValueFactory = _ => CountModelCatalog.Names[0],
        };
        model.AcceptOnlyFromAmong([.. CountModelCatalog.Names, Auto]);
        var horizon = new Option<double?>("--horizon")
        {
            Description = "Horizon of expected_purchases in time units. Default: the holdout length, else 52 weeks.",
        };
        horizon.Validators.Add(result =>
        {
            if (result.GetValue(horizon) is { } value && !(value > 0 && double.IsFinite(value)))
            {
                result.AddError("--horizon must be a positive number of time units.");
            }
        });
        var months = new Option<int>("--clv-months") { Description = "CLV horizon in months (365.25/12 days each).", DefaultValueFactory = _ => 12 };
        months.Validators.Add(result =>
        {
            if (result.GetValue(months) < 1)
            {
                result.AddError("--clv-months must be 1 or more.");
            }
        });
        var discount = new Option<double>("--discount-rate") { Description = "Monthly discount rate d, 0 ≤ d < 1.", DefaultValueFactory = _ => 0.01 };
        discount.Validators.Add(result =>
        {
            if (result.GetValue(discount) is not (>= 0 and < 1))
            {
                result.AddError("--discount-rate must be at least 0 and below 1 (a monthly rate, e.g. 0.01).");
            }
        });
        var margin = new Option<double>("--margin") { Description = "Share of revenue kept as margin, 0 < m ≤ 1.", DefaultValueFactory = _ => 1.0 };
        margin.Validators.Add(result =>
        {
            if (result.GetValue(margin) is not (> 0 and <= 1))
            {
                result.AddError("--margin must be above 0 and at most 1 (e.g. 0.3 for a 30% margin).");
            }
        });
        var withinDays = new Option<int>("--within-days")
        {
            Description = "N for purchase_probability, the chance of at least one purchase in the N days after the history, and the window of the churn-risk judgement.",
            DefaultValueFactory = _ => AnalysisSettings.DefaultPurchaseWindowDays,
            CustomParser = ParseWindowDays,
        };
        var intervals = new Option<bool>("--intervals")
        {
            Description = "Append expected_purchases_low, expected_purchases_high, clv_low and clv_high: each customer's 80% range "
                + "(10% and 90% points) of purchases over the horizon and of CLV, with the parameters' and the purchase process's uncertainty.",
        };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write the predictions CSV.", Required = true };

        var command = new Command(
            "predict",
            "Predict P(alive), expected purchases, expected spend, CLV, the chance of buying again and the expected next purchase date (and, with --intervals, their 80% ranges) for every customer and write them to a CSV file.");
        options.AddTo(command);
        foreach (var option in new Option[] { model, horizon, months, discount, margin, withinDays, intervals, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var progress = new Progress(error, parse.GetValue(options.Quiet));
            var summary = options.Summarize(parse, progress);
            var histories = summary.Histories();
            // The spend model is independent of the count model: fit both at once.
            var spendTask = Task.Run(() => EstimateSpend(summary, progress));
            var countFit = FitCountModel(parse.GetValue(model)!, summary, histories, progress);
            var countModel = countFit.Model;
            var spend = spendTask.GetAwaiter().GetResult();
            var values = spend.ExpectedAverageValues;

            var period = summary.Period;
            var forecastHorizon = parse.GetValue(horizon)
                ?? (period.HasHoldout ? period.HoldoutLength : period.TimeUnit.FromDays(DefaultHorizonDays));
            var valuation = new ValuationOptions(parse.GetValue(months), parse.GetValue(discount), parse.GetValue(margin), period.TimeUnit);
            progress.Report($"predicting {summary.Customers.Count:N0} customers with {countModel.Name}");
            var purchaseWindow = period.TimeUnit.FromDays(parse.GetValue(withinDays));
            var forecast = CustomerForecast.Compute(countModel, histories, values, forecastHorizon, valuation, purchaseWindow);

            var ranges = parse.GetValue(intervals)
                ? Ranges(countFit, summary, histories, spend, forecast, forecastHorizon, valuation.Horizon, progress)
                : null;

            var file = parse.GetValue(output)!;
            progress.Report($"writing {file.Name}");
            PredictionFile.Write(file, summary, forecast, values, ranges);
            progress.Report($"wrote {summary.Customers.Count:N0} rows to {file.FullName}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static int ParseWindowDays(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days >= 1)
        {
            return days;
        }

        result.AddError($"--within-days must be a whole number of days, 1 or more (e.g. 90), was '{text}'.");
        return 0;
    }

    // The purchases' range spans the horizon of expected_purchases, the CLV's the valuation's months: a CLV range is the
    // count's 10 % and 90 % points over the CLV's own months, valued at the customer's CLV per expected purchase. When
    // the two spans are the same (as in the recalculation, whose horizon is the valuation's) one computation serves both.
    private static PredictionRanges Ranges(
        CountModelFit fit,
        TransactionSummary summary,
        PurchaseHistory[] histories,
        SpendEstimate spend,
        CustomerForecast forecast,
        double horizon,
        double valuationHorizon,
        Progress progress)
    {
        progress.Report($"computing 80% ranges for {summary.Customers.Count:N0} customers");
        var options = new RangeOptions();
        var spendHistories = new SpendHistory[summary.Customers.Count];
        for (var i = 0; i < spendHistories.Length; i++)
        {
            spendHistories[i] = SpendHistory.From(summary.Customers[i]);
        }

        var clvRanges = ForecastRanges.Compute(fit, histories, valuationHorizon, options, new RangeSpend(spend, spendHistories, [.. forecast.Clv]));
        if (!clvRanges.IncludesParameterUncertainty)
        {
            progress.Warn($"{fit.Model.Name}: without standard errors the 80% ranges leave out the parameters' uncertainty: they hold the purchase process's only and are narrower than the forecasts' true uncertainty.");
        }

        var clv = clvRanges.Customers();
        var purchases = horizon == valuationHorizon ? clv : ForecastRanges.Compute(fit, histories, horizon, options).Customers();
        return new PredictionRanges(purchases, clv);
    }

    private static CountModelFit FitCountModel(string name, TransactionSummary summary, PurchaseHistory[] histories, Progress progress)
    {
        if (name != Auto)
        {
            progress.Report($"fitting {name}");
            var fit = CountModelCatalog.Get(name).Fit(histories);
            ReportDiagnostics(name, fit.Diagnostics, progress);
            return fit;
        }

        var attempts = CustomerBaseAnalysis.FitCountModels(
            histories,
            starting: candidate => progress.Report($"fitting {candidate.Name}"),
            finished: attempt =>
            {
                if (attempt.Fit is { } fit)
                {
                    ReportDiagnostics(attempt.Model.Name, fit.Diagnostics, progress);
                }
                else
                {
                    progress.Warn($"{attempt.Model.Name}: {attempt.Failure}");
                }
            });
        var selection = CustomerBaseAnalysis.ChooseCountModel(attempts, summary)
            ?? throw new ModelFitException("None of the purchase-count models could be fitted to this data.");
        progress.Info($"chose {selection.Chosen.Model.Name}: {selection.Reason}");
        if (selection.Caution is { } caution)
        {
            progress.Warn(caution);
        }

        return attempts.First(a => a.Model.Name == selection.Chosen.Model.Name).Fit!;
    }

    private static void ReportDiagnostics(string name, FitDiagnostics diagnostics, Progress progress)
    {
        foreach (var warning in diagnostics.Warnings)
        {
            progress.Warn($"{name}: {warning}");
        }
    }

    // Gamma-Gamma's conditional expectation per customer. Where the model cannot speak (it could not be fitted,
    // or its population mean is infinite for customers without repeat purchases), the historical average
    // occasion value stands in, and the user is told so.
    private static SpendEstimate EstimateSpend(TransactionSummary summary, Progress progress)
    {
        const string name = GammaGammaParameters.ModelName;
        progress.Report($"fitting {name}");
        var spend = SpendEstimate.Compute(summary.Customers);
        if (spend.Fit is not { } fit)
        {
            progress.Warn($"{name}: {spend.Failure} expected_average_value is the historical average purchase value, {spend.HistoricalAverage:F2}, for every customer.");
            return spend;
        }

        ReportDiagnostics(name, fit.ModelFit.Diagnostics, progress);
        if (spend.MeanIsUnbounded)
        {
            progress.Warn($"{name}: q = {fit.Parameters.Q:G4} ≤ 1 gives an unbounded mean spend; customers without repeat purchases get the historical average purchase value, {spend.HistoricalAverage:F2}.");
        }

        return spend;
    }
}
