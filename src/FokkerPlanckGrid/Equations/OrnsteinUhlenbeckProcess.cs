using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;

namespace FokkerPlanckGrid.Equations;

/// <summary>
/// The Ornstein-Uhlenbeck (variance-preserving) forward process, in its own time tau:
/// <code>
///   dw/dtau = Lap w + div(x w),   w(., 0) = u0        (SDE dX = -X dtau + sqrt(2) dW),
/// </code>
/// whose law is that of e^{-tau} Y + sqrt(1 - e^{-2tau}) Z, Y ~ u0, Z ~ N(0, I).
/// <para>
/// <b>Self-similar map (Section 3.4).</b> With a = e^tau and t = (a^2 - 1)/2, w(x, tau) = a^d u(a x, t), u the heat flow
/// of u0; equivalently u(x, t) = (2t+1)^{-d/2} w(x / sqrt(2t+1), log(2t+1)/2). Hence the OU score is
/// s_ou(x, tau) = a s(a x, t), and Hess log w(x, tau) = a^2 Hess log u(a x, t) &gt;= -a^2/(2t) I = -I/(1 - e^{-2 tau}):
/// Li-Yau for OU with rho(tau) = 1/(1 - e^{-2tau}).
/// </para>
/// <para>
/// <b>Backward equation.</b> Split Lap w = (1+eps) Lap w - eps Lap w and use Lap w = div(s_ou w):
/// dw/dtau = div(((1+eps) s_ou + x) w) - eps Lap w, i.e. w solves
/// <code>
///   dv/dtau + eps Lap v - div(b v) = 0,   b = (1+eps) s_ou + x,
/// </code>
/// the family of reverse-time equations of the OU process (eps = 0: the probability-flow ODE dX/dtau = -(s_ou + x)).
/// Every solution maps to a solution of the heat family (3.1): if v solves (3.1) then v~(x, tau) = a^d v(a x, t(tau))
/// solves the OU equation (d/dtau of a^d v(a x, t) gives d v~ + x.grad v~ = div(x v~) from the scale, and
/// a^{d+2} [(1+eps) div(s v) - eps Lap v](a x) = (1+eps) div(s_ou v~) - eps Lap v~ from dt/dtau = a^2), for every terminal
/// datum and every eps. So every theorem of the heat-flow paper carries over through the map; in particular
/// <list type="bullet">
/// <item>Theorem 3.1: ||v~(tau)||_p = a^{d(p-1)/p} ||v(t)||_p gives
///   ||v~(tau)||_p &lt;= [((e^{2T} - 1)/(e^{2tau} - 1))^{d(1+eps)/2} e^{-d(T - tau)}]^{(p-1)/p} ||v~_T||_p,
///   which is also what integrating d/dsigma log||v||_p &lt;= ((p-1)/p) sup(-div b), -div b &lt;= d((1+eps) rho - 1), gives;</item>
/// <item>Lemma 5.3 and (5.6): KL is invariant under the map, and d/dtau KL(v~||w) = eps I(v~|w) as for the heat flow;</item>
/// <item>Theorem 3.4: v~(tau)(U) = v(t)(a U) and a -&gt; 1 as tau -&gt; 0.</item>
/// </list>
/// </para>
/// </summary>
public sealed class OrnsteinUhlenbeckProcess : ForwardProcess
{
    internal OrnsteinUhlenbeckProcess() { }

    public override ForwardKind Kind => ForwardKind.OrnsteinUhlenbeck;
    public override string Name => "ou";
    public override double LinearDrift => 1;
    public override IDataDistribution Marginals(IDataDistribution data) => new OrnsteinUhlenbeckMarginals(data);

    /// <summary>1/(1 - e^{-2tau}), with e^x - 1 by <see cref="AccurateExp"/> so that it stays accurate as tau -&gt; 0 (where it is 1/(2tau) + 1/2 + O(tau)).</summary>
    public override double CurvatureBound(double tau) => -1 / AccurateExp.Expm1(-2 * tau);

    public override double LpGrowth(int dimension, double eps, double p, double tMax, double tau)
    {
        double logRatio = Math.Log(AccurateExp.Expm1(2 * tMax) / AccurateExp.Expm1(2 * tau));
        return Math.Exp(Conjugate(p) * dimension * ((1 + eps) / 2 * logRatio - (tMax - tau)));
    }

    /// <summary>t = (e^{2tau} - 1)/2.</summary>
    public override double HeatTime(double tau) => HeatTimeOf(tau);

    /// <summary>a = e^tau.</summary>
    public override double Scale(double tau) => Math.Exp(tau);

    /// <summary>1 - e^{-2tau}.</summary>
    public override double KernelVariance(double tau) => -AccurateExp.Expm1(-2 * tau);

    public override double TimeOfKernelWidth(double width) =>
        width >= 1 ? double.PositiveInfinity : -AccurateExp.Log1p(-width * width) / 2;

    /// <summary>t(tau) = (e^{2tau} - 1)/2 = expm1(2tau)/2.</summary>
    public static double HeatTimeOf(double tau) => AccurateExp.Expm1(2 * tau) / 2;

    /// <summary>tau(t) = log(2t + 1)/2 = log1p(2t)/2, the inverse of <see cref="HeatTimeOf"/>.</summary>
    public static double TimeOfHeatTime(double t) => AccurateExp.Log1p(2 * t) / 2;
}
