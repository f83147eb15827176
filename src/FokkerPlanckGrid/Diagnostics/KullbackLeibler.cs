namespace FokkerPlanckGrid.Diagnostics;

/// <summary>
/// Relative entropy of two cell fields, each normalised to a probability vector on the grid:
/// KL(v || w) = sum_i p_i log(p_i / q_i), p = v / sum v, q = w / sum w (cells with p_i = 0 add nothing; p_i &gt; 0 = q_i
/// gives +infinity). Normalising makes KL &gt;= 0 even though the box holds slightly less than unit mass, and makes the
/// discrete data-processing inequality KL(P v || P w) &lt;= KL(v || w) an exact statement for Markov steps P.
/// </summary>
public static class KullbackLeibler
{
    public static double Of(ReadOnlySpan<double> v, ReadOnlySpan<double> w) => Of(v, w, default);

    /// <summary>
    /// KL(v || w) as <see cref="Of(ReadOnlySpan{double}, ReadOnlySpan{double})"/>, with log w given
    /// (<see cref="Distributions.LogCellAverages"/>): where w_i underflows (below <see cref="Distributions.LogCellAverages.Tiny"/>,
    /// zero or subnormal) but log w_i is finite, the term is p_i (log p_i - log w_i + log(sum w / sum v)), so the result
    /// is finite whenever the exact KL is. Where w_i is at least Tiny the terms are those of the two-argument form, to
    /// the bit. +infinity only where log w_i = -infinity and p_i &gt; 0 (w genuinely vanishes there). The cells whose w
    /// underflows add nothing measurable to sum w, which is summed as it stands.
    /// </summary>
    /// <remarks>An empty <paramref name="logW"/> gives the two-argument form: +infinity where p_i &gt; 0 = w_i.</remarks>
    public static double Of(ReadOnlySpan<double> v, ReadOnlySpan<double> w, ReadOnlySpan<double> logW)
    {
        bool withLog = !logW.IsEmpty;
        if (v.Length != w.Length || (withLog && v.Length != logW.Length)) throw new ArgumentException("fields of different sizes");
        double sv = Norms.Sum(v), sw = Norms.Sum(w);
        if (!(sv > 0) || !(sw > 0)) return double.NaN;
        double logRatio = Math.Log(sw / sv);
        double sum = 0, c = 0;
        for (int i = 0; i < v.Length; i++)
        {
            double p = v[i];
            if (p <= 0) continue;
            double q = w[i], log;
            if (q >= Distributions.LogCellAverages.Tiny || (!withLog && q > 0)) log = Math.Log(p / q);
            else if (!withLog || double.IsNegativeInfinity(logW[i])) return double.PositiveInfinity;
            else log = Math.Log(p) - logW[i];
            double term = p * (log + logRatio) - c;
            double t = sum + term;
            c = (t - sum) - term;
            sum = t;
        }
        return Math.Max(0, sum / sv);
    }
}
