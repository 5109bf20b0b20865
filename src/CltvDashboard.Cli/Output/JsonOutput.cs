using System.Text.Json;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Cli.Output;

/// <summary>The JSON shapes of the command line's results.</summary>
internal static class JsonOutput
{
    public static void WriteSummary(Utf8JsonWriter writer, TransactionSummary summary)
    {
        writer.WriteNumber("customers", summary.Customers.Count);
        writer.WriteNumber("repeatCustomers", summary.Customers.Count(c => c.Frequency > 0));
        writer.WriteString("timeUnit", summary.TimeUnit.ToName());
        writer.WriteString("calibrationEnd", summary.Period.CalibrationEnd.ToString("yyyy-MM-dd"));
        writer.WriteString("observationEnd", summary.Period.ObservationEnd.ToString("yyyy-MM-dd"));
        writer.WriteNumber("transactionsRead", summary.TransactionsRead);
        writer.WriteNumber("customersFirstSeenInHoldout", summary.CustomersFirstSeenInHoldout);
    }

    public static void WriteFit(
        Utf8JsonWriter writer,
        string name,
        IReadOnlyDictionary<string, double> parameters,
        double logLikelihood,
        IReadOnlyDictionary<string, double?> standardErrors,
        FitDiagnostics diagnostics,
        Action<Utf8JsonWriter>? extra = null)
    {
        writer.WriteStartObject(name);
        writer.WriteStartObject("parameters");
        foreach (var (key, value) in parameters)
        {
            writer.WriteNumber(key, value);
        }

        writer.WriteEndObject();
        writer.WriteNumber("logLikelihood", logLikelihood);
        writer.WriteBoolean("converged", diagnostics.Converged);
        writer.WriteStartObject("standardErrors");
        foreach (var (key, value) in standardErrors)
        {
            if (value is { } error)
            {
                writer.WriteNumber(key, error);
            }
            else
            {
                writer.WriteNull(key);
            }
        }

        writer.WriteEndObject();
        writer.WriteNumber("iterations", diagnostics.Iterations);
        writer.WriteStartArray("parametersOnBoundary");
        foreach (var parameter in diagnostics.ParametersOnBoundary)
        {
            writer.WriteStringValue(parameter);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("warnings");
        foreach (var warning in diagnostics.Warnings)
        {
            writer.WriteStringValue(warning);
        }

        writer.WriteEndArray();
        extra?.Invoke(writer);
        writer.WriteEndObject();
    }

    public static void WriteGammaGamma(Utf8JsonWriter writer, string name, GammaGammaFit fit)
    {
        var model = fit.ModelFit;
        var parameters = new Dictionary<string, double> { ["p"] = fit.Parameters.P, ["q"] = fit.Parameters.Q, ["gamma"] = fit.Parameters.Gamma };
        WriteFit(writer, name, parameters, model.LogLikelihood, model.StandardErrors, model.Diagnostics, w =>
        {
            w.WriteNumber("customersUsed", fit.CustomersUsed);
            if (fit.FrequencyValueCorrelation is { } correlation)
            {
                w.WriteNumber("frequencyMonetaryCorrelation", correlation);
            }
            else
            {
                w.WriteNull("frequencyMonetaryCorrelation");
            }
        });
    }

    public static void WriteError(Utf8JsonWriter writer, string name, string message)
    {
        writer.WriteStartObject(name);
        writer.WriteString("error", message);
        writer.WriteEndObject();
    }
}
