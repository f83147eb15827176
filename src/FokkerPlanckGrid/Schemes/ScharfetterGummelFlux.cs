namespace FokkerPlanckGrid.Schemes;

/// <summary>
/// The exponentially fitted (Scharfetter-Gummel / Il'in) flux, exact for the steady 1D flux between two centres:
/// <code>
///   F_{i-1/2} = (eps / h) [ B(-Pe) v_{i-1} - B(Pe) v_i ],     Pe = b h / eps,     B(z) = z / (e^z - 1)
///   cL = D B(-Pe) &gt;= 0,   cR = -D B(Pe) &lt;= 0,               D = eps dtau / h^2.
/// </code>
/// B &gt; 0 everywhere and B(-z) = B(z) + z, so cL + cR = a = b dtau / h: the same mass balance as upwind; as
/// eps -&gt; 0 (Pe -&gt; +-inf) it becomes upwind, and at eps = 0 it is upwind exactly. B is evaluated through an
/// accurate expm1, so it has full relative accuracy for small |z| and no overflow for large |z|.
/// </summary>
public sealed class ScharfetterGummelFlux : ITransportFlux
{
    public static ScharfetterGummelFlux Instance { get; } = new();

    public double Coefficients(ReadOnlySpan<double> score, double velocityFactor, double dtauOverH, double diffusionNumber,
        Span<double> cL, Span<double> cR)
    {
        if (diffusionNumber == 0)
            return UpwindFlux.Instance.Coefficients(score, velocityFactor, dtauOverH, 0, cL, cR);
        double scale = velocityFactor * dtauOverH, max = 0;
        for (int i = 0; i < score.Length; i++)
        {
            double a = score[i] * scale;
            double pe = a / diffusionNumber;
            // both from B directly (not via B(-z) = B(z) + z, which cancels for z << 0): signs exact
            cL[i] = diffusionNumber * Bernoulli(-pe);
            cR[i] = -diffusionNumber * Bernoulli(pe);
            max = Math.Max(max, Math.Abs(a));
        }
        return max;
    }

    /// <summary>The Bernoulli function B(z) = z / (e^z - 1), B(0) = 1, positive and decreasing.</summary>
    public static double Bernoulli(double z)
    {
        if (z == 0) return 1;
        if (z > 700) return z * Math.Exp(-z);      // e^z - 1 = e^z to double precision; no overflow
        if (z < -700) return -z;                    // e^z underflows: B = -z / (0 - 1)
        return z / ExpM1(z);
    }

    /// <summary>e^z - 1 with full relative accuracy for small |z| (Kahan's trick).</summary>
    public static double ExpM1(double z)
    {
        double u = Math.Exp(z);
        if (u == 1.0) return z;
        double um1 = u - 1.0;
        if (um1 == -1.0) return -1.0;
        return um1 * z / Math.Log(u);
    }
}
