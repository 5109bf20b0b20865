namespace CltvDashboard.Domain.Clv.Numerics;

/// <summary>Sums a value and its gradient over rows [start, end) of one chunk; adds the gradient into <c>gradient</c>.</summary>
internal delegate double ChunkSum(int start, int end, double[] gradient);

/// <summary>Splits a row range over the machine's cores and adds up the partial sums in a fixed order.</summary>
internal static class ParallelSum
{
    // Below this many rows the cost of scheduling exceeds the work.
    private const int MinimumRowsPerChunk = 8192;

    /// <summary>
    /// Evaluates <paramref name="chunk"/> over [0, <paramref name="count"/>) and writes the summed gradient into
    /// <paramref name="gradient"/>. Chunk boundaries depend only on the row count, so results are reproducible.
    /// </summary>
    public static double Run(int count, Span<double> gradient, ChunkSum chunk)
    {
        var chunks = Math.Clamp(count / MinimumRowsPerChunk, 1, Environment.ProcessorCount * 2);
        var values = new double[chunks];
        var gradients = new double[chunks][];
        if (chunks == 1)
        {
            gradients[0] = new double[gradient.Length];
            values[0] = chunk(0, count, gradients[0]);
        }
        else
        {
            var length = gradient.Length;
            Parallel.For(0, chunks, k =>
            {
                var start = (int)((long)count * k / chunks);
                var end = (int)((long)count * (k + 1) / chunks);
                gradients[k] = new double[length];
                values[k] = chunk(start, end, gradients[k]);
            });
        }

        gradient.Clear();
        var total = 0.0;
        for (var k = 0; k < chunks; k++)
        {
            total += values[k];
            for (var j = 0; j < gradient.Length; j++)
            {
                gradient[j] += gradients[k][j];
            }
        }

        return total;
    }
}
