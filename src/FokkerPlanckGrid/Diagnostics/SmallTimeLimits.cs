using FokkerPlanckGrid.Distributions;

namespace FokkerPlanckGrid.Diagnostics;

/// <summary>
/// The small-t shape of the heat flow of a Dirac mixture u0 = sum_k w_k delta_{y_k} (the paper's Figure 1), with
/// S = {y_k} and d(x, S) the distance to the nearest atom y_{i(x)}.
/// <para>
/// Score. s(x,t) = (m(x,t) - x)/(2t) and m - y_i = sum_j p_j (y_j - y_i) with the softmax weights p_j of (3.7), so
/// |2t s(x,t) - (y_i - x)| = |m - y_i| &lt;= sum_{j != i} (w_j/w_i) exp(-(|x-y_j|^2 - |x-y_i|^2)/4t) |y_j - y_i|:
/// between the Voronoi boundaries the score is the affine (y_i - x)/(2t) up to exponentially small terms; only a
/// layer of width O(t) around each boundary (where the exponent is O(1)) departs from it.
/// </para>
/// <para>
/// Log-density (Varadhan). w_min exp(-d^2/4t) &lt;= sum_k w_k exp(-|x-y_k|^2/4t) &lt;= exp(-d^2/4t) since the weights
/// sum to 1, hence for every x and t, with d the dimension,
/// <code>
///   4t log w_min - 2 d t log(4 pi t)  &lt;=  4t log u(x,t) + d(x,S)^2  &lt;=  -2 d t log(4 pi t):
/// </code>
/// log u = -d(x,S)^2/(4t) + O(log t), uniformly in x: 4t log u(x,t) converges to -d(x,S)^2 at the rate t log(1/t).
/// </para>
/// </summary>
public static class SmallTimeLimits
{
    /// <summary>|m(x,t) - y_i(x)| = |2t s(x,t) - (y_i - x)|, y_i the atom nearest to x.</summary>
    public static double MeanShiftDeviation(DiracMixture data, ReadOnlySpan<double> x, double t)
    {
        Span<double> s = stackalloc double[data.Dimension];
        data.Score(x, t, s);
        int i = VoronoiCores.NearestAtom(data, x);
        double r = 0;
        for (int d = 0; d < data.Dimension; d++)
        {
            double e = 2 * t * s[d] - (data.Point(i, d) - x[d]);
            r += e * e;
        }
        return Math.Sqrt(r);
    }

    /// <summary>
    /// The exact bound on <see cref="MeanShiftDeviation"/>: sum_{j != i} (w_j/w_i) exp(-(|x-y_j|^2 - |x-y_i|^2)/4t) |y_j - y_i|.
    /// </summary>
    public static double MeanShiftDeviationBound(DiracMixture data, ReadOnlySpan<double> x, double t)
    {
        int i = VoronoiCores.NearestAtom(data, x);
        double ri = data.SquaredDistance(i, x), sum = 0;
        for (int j = 0; j < data.Count; j++)
        {
            if (j == i) continue;
            double gap = 0;
            for (int d = 0; d < data.Dimension; d++)
            {
                double g = data.Point(j, d) - data.Point(i, d);
                gap += g * g;
            }
            sum += data.Weights[j] / data.Weights[i] * Math.Exp(-(data.SquaredDistance(j, x) - ri) / (4 * t)) * Math.Sqrt(gap);
        }
        return sum;
    }

    /// <summary>The Varadhan gap 4t log u(x,t) + d(x,S)^2 (log u by log-sum-exp).</summary>
    public static double VaradhanGap(DiracMixture data, ReadOnlySpan<double> x, double t) =>
        4 * t * data.LogDensity(x, t) + data.DistanceToSupport(x) * data.DistanceToSupport(x);

    /// <summary>The exact interval [4t log w_min - 2 d t log(4 pi t), -2 d t log(4 pi t)] holding <see cref="VaradhanGap"/>.</summary>
    public static (double Lower, double Upper) VaradhanBounds(DiracMixture data, double t)
    {
        double upper = -2 * data.Dimension * t * Math.Log(4 * Math.PI * t);
        return (4 * t * Math.Log(data.Weights.Min()) + upper, upper);
    }

}
