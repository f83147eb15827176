namespace FokkerPlanckGrid.Distributions;

/// <summary>Geometry of finite point sets (atoms of a Dirac mixture, means of a Gaussian mixture).</summary>
public static class PointSets
{
    /// <summary>The smallest box [lower, upper] holding the <paramref name="count"/> points coordinate(k, d).</summary>
    public static (double[] Lower, double[] Upper) BoundingBox(int count, int dimension, Func<int, int, double> coordinate)
    {
        var lo = Enumerable.Repeat(double.PositiveInfinity, dimension).ToArray();
        var hi = Enumerable.Repeat(double.NegativeInfinity, dimension).ToArray();
        for (int k = 0; k < count; k++)
            for (int d = 0; d < dimension; d++)
            {
                lo[d] = Math.Min(lo[d], coordinate(k, d));
                hi[d] = Math.Max(hi[d], coordinate(k, d));
            }
        return (lo, hi);
    }

    /// <summary>A component index k drawn with probability weights[k] (normalised weights; the last absorbs rounding).</summary>
    public static int DrawIndex(Random random, IReadOnlyList<double> weights)
    {
        double u = random.NextDouble(), acc = 0;
        int k = 0;
        for (; k < weights.Count - 1; k++)
        {
            acc += weights[k];
            if (u < acc) break;
        }
        return k;
    }
}
