using FokkerPlanckGrid.Equations;

namespace FokkerPlanckGrid.Distributions;

/// <summary>
/// The laws w(., tau) of the Ornstein-Uhlenbeck process dw/dtau = Lap w + div(x w) started from u0
/// (<see cref="OrnsteinUhlenbeckProcess"/>), as an <see cref="IDataDistribution"/> whose time argument is the OU time
/// tau: every method maps onto the heat flow u of <see cref="Data"/> by the self-similar change of variables
/// <code>
///   w(x, tau) = a^d u(a x, t),   a = e^tau,   t = (e^{2tau} - 1)/2,
///   s_ou(x, tau) = a s(a x, t),   div s_ou = a^2 div s(a x, t),   w(., tau)(box) = u(., t)(a box),
/// </code>
/// so closed forms (Dirac and Gaussian mixtures) stay closed forms: for u0 = sum_k w_k delta_{y_k}, w(., tau) is the
/// Gaussian mixture sum_k w_k N(e^{-tau} y_k, (1 - e^{-2tau}) I). The support of u0 is that of <see cref="Data"/>.
/// </summary>
public sealed class OrnsteinUhlenbeckMarginals(IDataDistribution data) : IDataDistribution
{
    /// <summary>u0 (and its heat flow).</summary>
    public IDataDistribution Data { get; } = data;

    public int Dimension => Data.Dimension;
    public bool HasClosedFormMass => Data.HasClosedFormMass;
    public (double[] Lower, double[] Upper) SupportBounds => Data.SupportBounds;

    /// <summary>a = e^tau.</summary>
    public static double Scale(double tau) => Math.Exp(tau);

    /// <summary>t = (e^{2tau} - 1)/2.</summary>
    public static double HeatTime(double tau) => OrnsteinUhlenbeckProcess.HeatTimeOf(tau);

    public double LogDensity(ReadOnlySpan<double> x, double tau)
    {
        Span<double> y = stackalloc double[Dimension];
        Scaled(x, tau, y);
        return Dimension * tau + Data.LogDensity(y, HeatTime(tau));   // log a^d = d tau
    }

    public void Score(ReadOnlySpan<double> x, double tau, Span<double> score)
    {
        Span<double> y = stackalloc double[Dimension];
        double a = Scaled(x, tau, y);
        Data.Score(y, HeatTime(tau), score);
        for (int d = 0; d < Dimension; d++) score[d] *= a;
    }

    public double DivScore(ReadOnlySpan<double> x, double tau)
    {
        Span<double> y = stackalloc double[Dimension];
        double a = Scaled(x, tau, y);
        return a * a * Data.DivScore(y, HeatTime(tau));
    }

    public double MassInBox(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, double tau)
    {
        Span<double> lo = stackalloc double[Dimension];
        Span<double> hi = stackalloc double[Dimension];
        Scaled(lower, tau, lo);
        Scaled(upper, tau, hi);
        return Data.MassInBox(lo, hi, HeatTime(tau));
    }

    public double DistanceToSupport(ReadOnlySpan<double> x) => Data.DistanceToSupport(x);

    /// <summary>Draws from u0 (the law at tau = 0), as every distribution's <see cref="IDataDistribution.Sample"/> does.</summary>
    public void Sample(Random random, Span<double> x) => Data.Sample(random, x);

    /// <summary>y = a x; returns a.</summary>
    private static double Scaled(ReadOnlySpan<double> x, double tau, Span<double> y)
    {
        double a = Scale(tau);
        for (int d = 0; d < y.Length; d++) y[d] = a * x[d];
        return a;
    }
}
