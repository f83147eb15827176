using MathNet.Numerics;

namespace FokkerPlanckGrid.Distributions;

/// <summary>One-dimensional normal-distribution helpers accurate in the far tails.</summary>
public static class Gaussian
{
    private const double Sqrt2 = 1.4142135623730950488;

    /// <summary>
    /// P(a &lt;= Z &lt;= b) for Z ~ N(mean, variance), written with erfc on the side of the tail so that the difference
    /// keeps full relative accuracy even 30 standard deviations out (a plain erf difference would cancel to 0).
    /// </summary>
    public static double IntervalProbability(double a, double b, double mean, double variance)
    {
        double s = Math.Sqrt(2 * variance);
        double za = (a - mean) / s, zb = (b - mean) / s;
        if (za >= 0) return 0.5 * (SpecialFunctions.Erfc(za) - SpecialFunctions.Erfc(zb));
        if (zb <= 0) return 0.5 * (SpecialFunctions.Erfc(-zb) - SpecialFunctions.Erfc(-za));
        return 1 - 0.5 * (SpecialFunctions.Erfc(-za) + SpecialFunctions.Erfc(zb));
    }

    /// <summary>Standard normal draw (Box-Muller, one of the pair).</summary>
    public static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
