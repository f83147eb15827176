namespace FokkerPlanckGrid.Distributions;

/// <summary>
/// A data distribution u0 on R^d (d = 1, 2) together with its heat flow u(., t) = G_t * u0,
/// G_t(x) = (4 pi t)^(-d/2) exp(-|x|^2 / (4t)) (variance 2t per coordinate), and its score s = grad log u.
/// Every method is stable for t down to 1e-8: log-sum-exp throughout, never NaN or Inf at finite x.
/// </summary>
public interface IDataDistribution
{
    int Dimension { get; }

    /// <summary>log u(x, t).</summary>
    double LogDensity(ReadOnlySpan<double> x, double t);

    /// <summary>The score s(x, t) = grad log u(x, t), written to <paramref name="score"/> (length d).</summary>
    void Score(ReadOnlySpan<double> x, double t, Span<double> score);

    /// <summary>div s(x, t) = Laplacian log u (Li-Yau: &gt;= -d/(2t)).</summary>
    double DivScore(ReadOnlySpan<double> x, double t);

    /// <summary>
    /// The mass u(., t) gives the box [lower, upper] (per coordinate): exact where a closed form exists
    /// (products of normal CDF differences), otherwise by quadrature. Divided by the box volume, the exact cell average.
    /// </summary>
    double MassInBox(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, double t);

    /// <summary>True when <see cref="MassInBox"/> is a closed form (no quadrature error).</summary>
    bool HasClosedFormMass { get; }

    /// <summary>Smallest box [lower, upper] containing supp u0.</summary>
    (double[] Lower, double[] Upper) SupportBounds { get; }

    /// <summary>Euclidean distance from x to supp u0.</summary>
    double DistanceToSupport(ReadOnlySpan<double> x);

    /// <summary>Draws one point of u0 into <paramref name="x"/>.</summary>
    void Sample(Random random, Span<double> x);
}
