using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Scores;

namespace FokkerPlanckGrid.Equations;

/// <summary>
/// The forward process u0 -&gt; law at time t whose backward equation is solved, with what the solver and the theorem
/// checks need to know about it. Both processes give the family of backward equations (t the process's own time)
/// <code>
///   dv/dt + eps Lap v - div(b v) = 0,   b = (1+eps) s + kappa x,   s = grad log (law at t),
/// </code>
/// kappa = 0 for the heat flow (3.1) and kappa = 1 for the Ornstein-Uhlenbeck process (see
/// <see cref="OrnsteinUhlenbeckProcess"/> for the derivation). Every statement below holds for every u0:
/// <list type="bullet">
/// <item><see cref="CurvatureBound"/> rho(t): Hess log (law at t) &gt;= -rho(t) I (heat: 1/(2t), the Hessian form of Li-Yau);</item>
/// <item><see cref="TransportCurvatureBound"/>: the same for the transport score b/(1+eps) = s + kappa x/(1+eps),
/// rho(t) - kappa/(1+eps); the discrete Li-Yau bound and the discrete L^p factors use it;</item>
/// <item><see cref="LpGrowth"/>: Theorem 3.1's factor, ||v(t)||_p &lt;= LpGrowth ||v_T||_p.</item>
/// </list>
/// </summary>
public abstract class ForwardProcess
{
    /// <summary>The heat flow du/dt = Lap u (kernel variance 2t per coordinate).</summary>
    public static ForwardProcess Heat { get; } = new HeatFlowProcess();

    /// <summary>The Ornstein-Uhlenbeck process dw/dtau = Lap w + div(x w) (stationary law N(0, I)).</summary>
    public static ForwardProcess OrnsteinUhlenbeck { get; } = new OrnsteinUhlenbeckProcess();

    public static ForwardProcess Of(ForwardKind kind) => kind == ForwardKind.OrnsteinUhlenbeck ? OrnsteinUhlenbeck : Heat;

    public abstract ForwardKind Kind { get; }

    /// <summary>The case-file spelling: `heat` or `ou`.</summary>
    public abstract string Name { get; }

    /// <summary>kappa in b = (1+eps) s + kappa x.</summary>
    public abstract double LinearDrift { get; }

    /// <summary>The process's laws started from u0, as a distribution whose time argument is this process's time.</summary>
    public abstract IDataDistribution Marginals(IDataDistribution data);

    /// <summary>rho(t) with Hess log (law at t) &gt;= -rho(t) I for every u0, so div s &gt;= -d rho(t) (Li-Yau).</summary>
    public abstract double CurvatureBound(double t);

    /// <summary>rho(t) - kappa/(1+eps): the per-direction lower bound of -d(b/(1+eps))/dx_k.</summary>
    public double TransportCurvatureBound(double t, double eps) => CurvatureBound(t) - LinearDrift / (1 + eps);

    /// <summary>
    /// The score the steppers transport with: b/(1+eps) = s + kappa x/(1+eps) at every face, so that the steppers'
    /// velocity (1+eps) * face value is b. The heat flow returns <paramref name="score"/> itself.
    /// </summary>
    public IScore Transport(IScore score, double eps) =>
        LinearDrift == 0 ? score : new LinearDriftScore(score, LinearDrift / (1 + eps));

    /// <summary>Theorem 3.1 (or its analogue): the factor by which ||v||_p may grow from <paramref name="tMax"/> down to <paramref name="t"/>.</summary>
    public abstract double LpGrowth(int dimension, double eps, double p, double tMax, double t);

    /// <summary>The heat-flow time t with the same kernel shape (heat: t itself; OU: (e^{2 tau} - 1)/2).</summary>
    public abstract double HeatTime(double t);

    /// <summary>
    /// The spatial scale a of the self-similar map onto the heat flow: law(x, t) = a^d u(a x, HeatTime(t))
    /// (heat: 1; OU: e^tau). L^p norms then relate as ||law||_p = a^{d(p-1)/p} ||u||_p.
    /// </summary>
    public abstract double Scale(double t);

    /// <summary>Variance per coordinate of the forward kernel at t (heat: 2t; OU: 1 - e^{-2t}).</summary>
    public abstract double KernelVariance(double t);

    /// <summary>Standard deviation per coordinate of the forward kernel at t (heat: sqrt(2t); OU: sqrt(1 - e^{-2t})).</summary>
    public double KernelWidth(double t) => Math.Sqrt(KernelVariance(t));

    /// <summary>The time at which <see cref="KernelWidth"/> equals <paramref name="width"/> (+inf when it never does).</summary>
    public abstract double TimeOfKernelWidth(double width);

    /// <summary>(p-1)/p, or 1 for p = inf.</summary>
    protected static double Conjugate(double p) => double.IsPositiveInfinity(p) ? 1 : (p - 1) / p;
}
