namespace FokkerPlanckGrid.Equations;

/// <summary>
/// e^x - 1 and log(1 + x) to a few ulps for every x, by Kahan's corrections (the rounding of 1 + x or of e^x cancels
/// in the ratio). Needed by the OU time map t = (e^{2tau} - 1)/2 as tau -&gt; 0, where Math.Exp(x) - 1 loses digits;
/// MathNet.Numerics' Expm1 and Log1p (5.0) are off by up to ~1e-9 relative near x = 0.05, which the map's tests see.
/// </summary>
internal static class AccurateExp
{
    /// <summary>e^x - 1 (Kahan: (u - 1) x / log u with u = e^x).</summary>
    public static double Expm1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1) return x;
        double um1 = u - 1;
        if (um1 == -1) return -1;
        if (double.IsPositiveInfinity(u)) return u;
        return um1 * x / Math.Log(u);
    }

    /// <summary>log(1 + x), x &gt; -1 (Kahan: log(u) x / (u - 1) with u = 1 + x).</summary>
    public static double Log1p(double x)
    {
        double u = 1 + x;
        if (u == 1) return x;
        if (double.IsPositiveInfinity(u)) return Math.Log(x);
        return Math.Log(u) * x / (u - 1);
    }
}
