namespace FokkerPlanckGrid.Diagnostics;

/// <summary>
/// Theorem 3.1 and its discrete analogue for our implicit scheme.
/// <para>Continuous: ||v(t)||_p &lt;= (T/t)^gamma ||v_T||_p, gamma = d (1+eps) (p-1) / (2p) (p = inf: d (1+eps) / 2).</para>
/// <para>
/// Discrete (derived in validation/README.md, "The discrete L^p bound"): one implicit solve (I + tau A) w = w_old
/// along a line, whose discrete divergence of b obeys div_h b &gt;= -c, gives
/// ||w||_p &lt;= ||w_old||_p / (1 - tau c (p-1)/p)  (p = inf: 1 / (1 - tau c)), provided tau c (p-1)/p &lt; 1;
/// otherwise the bound is infinite (says nothing). With Li-Yau, c = (1+eps)/(2 t_new) per direction (d = 1 per
/// sweep of a split step; d (1+eps)/(2 t_new) for the unsplit operator). The discrete bound is the product of these
/// factors over all solves; it exceeds the continuous bound only by O(dtau).
/// </para>
/// </summary>
public static class LpBounds
{
    /// <summary>gamma = d (1+eps) (p-1) / (2p), the exponent of T/t in Theorem 3.1.</summary>
    public static double Exponent(int dimension, double eps, double p) =>
        double.IsPositiveInfinity(p) ? dimension * (1 + eps) / 2 : dimension * (1 + eps) * (p - 1) / (2 * p);

    /// <summary>The sharp exponent for eps = 0, v_T = u(T), Dirac data (Remark 3.3): d (p-1) / (2p).</summary>
    public static double SharpExponent(int dimension, double p) => Exponent(dimension, 0, p);

    /// <summary>(T/t)^gamma.</summary>
    public static double ContinuousFactor(int dimension, double eps, double p, double tMax, double t) =>
        Math.Pow(tMax / t, Exponent(dimension, eps, p));

    /// <summary>The growth factor 1 / (1 - tau c (p-1)/p) of one implicit solve (+inf when it says nothing).</summary>
    public static double DiscreteFactor(double tau, double c, double p)
    {
        double q = double.IsPositiveInfinity(p) ? 1 : (p - 1) / p;
        double a = tau * Math.Max(0, c) * q;
        return a < 1 ? 1 / (1 - a) : double.PositiveInfinity;
    }

    /// <summary>
    /// The observed growth exponent log(||v(t)||_p / ||v_T||_p) / log(T/t), to compare with <see cref="Exponent"/>
    /// (Theorem 3.1 says it is at most gamma; Remark 3.3 that it tends to d(p-1)/(2p) in the sharp case).
    /// </summary>
    /// <param name="terminalNorm">||v_T||_p</param>
    /// <param name="norm">||v(t)||_p</param>
    /// <param name="tMax">T</param>
    /// <param name="t">t &lt; T</param>
    public static double ObservedExponent(double terminalNorm, double norm, double tMax, double t) =>
        Math.Log(norm / terminalNorm) / Math.Log(tMax / t);
}
