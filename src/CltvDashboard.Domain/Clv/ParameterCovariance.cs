using MathNet.Numerics.LinearAlgebra;

namespace CltvDashboard.Domain.Clv;

/// <summary>
/// The asymptotic uncertainty of a maximum-likelihood fit: the covariance of the log-parameters, the inverse of the
/// Hessian of the negative log-likelihood in log-coordinates that the fit already computes for its standard errors.
/// Every parameter of the models here is positive, so draws are taken on the log scale, where the likelihood is closer
/// to normal and no draw can leave the parameter space (Cameron &amp; Trivedi 2005, "Microeconometrics", §7.2 on the
/// delta method; the same scale as the fit's optimiser).
/// </summary>
/// <remarks>
/// The covariance is held as a square root L (n parameters × m free directions, Σ_log = L·Lᵀ). For an interior fit
/// L is the Cholesky factor of Σ_log and m = n. A fit reported as a limit model (BG/NBD with no dropout, or with one
/// dropout probability for everyone) has fewer free parameters than the model has names: its L maps the limit's free
/// directions onto the model's log-parameters and leaves the fixed ones at zero variance.
/// </remarks>
public sealed class ParameterCovariance
{
    private readonly double[] _estimates;
    private readonly double[,] _root;

    private ParameterCovariance(IReadOnlyList<string> names, double[] estimates, double[,] root)
    {
        Names = names;
        _estimates = estimates;
        _root = root;
    }

    /// <summary>The parameters' names in the literature, in the model's order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The estimates θ̂ in the order of <see cref="Names"/>, in the units the fit reports them.</summary>
    public IReadOnlyList<double> Estimates => _estimates;

    /// <summary>How many independent directions the parameters vary in: the free parameters of the fit.</summary>
    public int FreeDirections => _root.GetLength(1);

    /// <summary>
    /// Cov(ln θ_i, ln θ_j): the covariance of the log-parameters.
    /// </summary>
    /// <param name="i">Index into <see cref="Names"/>.</param>
    /// <param name="j">Index into <see cref="Names"/>.</param>
    public double LogCovariance(int i, int j)
    {
        var sum = 0.0;
        for (var k = 0; k < FreeDirections; k++)
        {
            sum += _root[i, k] * _root[j, k];
        }

        return sum;
    }

    /// <summary>
    /// Cov(θ_i, θ_j) ≈ θ_i·θ_j·Cov(ln θ_i, ln θ_j): the covariance of the parameters themselves, by the delta method,
    /// in their own units (γ's in currency squared, α's in time units squared).
    /// </summary>
    /// <param name="i">Index into <see cref="Names"/>.</param>
    /// <param name="j">Index into <see cref="Names"/>.</param>
    public double Covariance(int i, int j) => _estimates[i] * _estimates[j] * LogCovariance(i, j);

    /// <summary>
    /// The standard error of a parameter, √Cov(θ, θ): the figure each fit reports in its standard errors. Null for a
    /// parameter a limit fit holds fixed, or a name the model does not have.
    /// </summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    public double? StandardError(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                var variance = Covariance(i, i);
                return variance > 0 ? Math.Sqrt(variance) : null;
            }
        }

        return null;
    }

    /// <summary>
    /// Writes one parameter draw θ = exp(ln θ̂ + L·z) from independent standard normal <paramref name="normals"/>.
    /// </summary>
    /// <param name="normals">z: <see cref="FreeDirections"/> independent standard normal numbers.</param>
    /// <param name="parameters">Receives the drawn parameters in the order of <see cref="Names"/>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Draw(ReadOnlySpan<double> normals, Span<double> parameters)
    {
        if (normals.Length != FreeDirections)
        {
            throw new ArgumentException($"A draw needs {FreeDirections} standard normal numbers, was given {normals.Length}.", nameof(normals));
        }

        if (parameters.Length != Names.Count)
        {
            throw new ArgumentException($"A draw writes {Names.Count} parameters, the span holds {parameters.Length}.", nameof(parameters));
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            var shift = 0.0;
            for (var k = 0; k < normals.Length; k++)
            {
                shift += _root[i, k] * normals[k];
            }

            parameters[i] = _estimates[i] * Math.Exp(shift);
        }
    }

    /// <summary>The same covariance with the estimates in other units (a fit optimised on rescaled data): the log-covariance is unchanged.</summary>
    internal ParameterCovariance WithEstimates(IReadOnlyList<double> estimates) =>
        new(Names, [.. estimates], _root);

    /// <summary>
    /// From the covariance of the log-parameters of an interior fit; null when it is not positive definite.
    /// </summary>
    internal static ParameterCovariance? FromLogCovariance(IReadOnlyList<string> names, IReadOnlyList<double> estimates, Matrix<double> logCovariance)
    {
        var n = names.Count;
        var symmetric = (logCovariance + logCovariance.Transpose()) / 2;
        if (!symmetric.ForAll(double.IsFinite))
        {
            return null;
        }

        try
        {
            var factor = symmetric.Cholesky().Factor;
            var root = new double[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    root[i, j] = factor[i, j];
                }
            }

            return new ParameterCovariance(names, [.. estimates], root);
        }
        catch (ArgumentException)
        {
            // MathNet's Cholesky refuses a matrix that is not positive definite.
            return null;
        }
    }

    /// <summary>
    /// A limit fit's covariance on the full model's log-parameters: <paramref name="jacobian"/> (n × m) maps the m free
    /// log-parameters of the limit onto the model's n, and the limit's covariance is taken through it.
    /// </summary>
    internal static ParameterCovariance? FromLimit(
        IReadOnlyList<string> names, IReadOnlyList<double> estimates, ParameterCovariance? limit, Matrix<double> jacobian)
    {
        if (limit is null)
        {
            return null;
        }

        var n = names.Count;
        var m = limit.FreeDirections;
        var root = new double[n, m];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < m; k++)
            {
                var sum = 0.0;
                for (var j = 0; j < jacobian.ColumnCount; j++)
                {
                    sum += jacobian[i, j] * limit._root[j, k];
                }

                root[i, k] = sum;
            }
        }

        return new ParameterCovariance(names, [.. estimates], root);
    }
}
