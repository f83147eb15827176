using MathNet.Numerics;
using MathNet.Numerics.Integration;

namespace FokkerPlanckGrid.Distributions;

/// <summary>
/// The standard normal Z ~ N(0, 1) restricted to an interval [alpha, beta], evaluated stably in every regime
/// (both ends 40 standard deviations or 10^4 standard deviations out, intervals much narrower than 1).
/// Notation: phi, Phi the standard normal density and CDF, Q(z) = 1 - Phi(z) the upper tail,
/// M(z) = Q(z)/phi(z) the Mills ratio and r(z) = 1/M(z) - z its "excess" (r(z) ~ 1/z as z -> inf).
/// <para>
/// This is the one-dimensional building block of <see cref="UniformBox"/>: for u0 uniform on [a, b] and
/// sigma = sqrt(2t), the posterior of (Y - x)/sigma given x is Z truncated to [(a-x)/sigma, (b-x)/sigma], so
/// u = P(alpha &lt;= Z &lt;= beta)/(b-a), s = E[Z]/sigma and ds/dx = (Var Z - 1)/sigma^2 (the mean-shift form of MATH.md §1).
/// </para>
/// </summary>
public static class TruncatedNormal
{
    private const double Sqrt2 = 1.4142135623730950488;
    private const double HalfLog2Pi = 0.91893853320467274178;   // log sqrt(2 pi)
    private const double InvSqrt2Pi = 0.39894228040143267794;

    // 20-node Gauss-Legendre rule on [-1, 1]: exact for polynomials of degree 39.
    private static readonly double[] GlNodes;
    private static readonly double[] GlWeights;

    static TruncatedNormal()
    {
        var rule = new GaussLegendreRule(-1, 1, 20);
        GlNodes = rule.Abscissas.ToArray();
        GlWeights = rule.Weights.ToArray();
    }

    /// <summary>
    /// r(z) = phi(z)/Q(z) - z for z &gt;= 0 (the inverse Mills ratio minus z; r(0) = sqrt(2/pi), r(z) ~ 1/z - 2/z^3).
    /// For z &lt; 2 from erfc (relative error a few eps); for z &gt;= 2 from Laplace's continued fraction
    /// Q/phi = 1/(z + 1/(z + 2/(z + 3/(z + ...)))), i.e. r = 1/(z + 2/(z + 3/(z + ...))), evaluated backwards with
    /// 300 levels for z &lt; 3 and 120 beyond (truncation error below 1e-25, checked at 40 digits); never underflows,
    /// so it is usable at z = 10^8. (The erfc form loses digits as z grows: 1e-13 relative at z = 5.)
    /// </summary>
    public static double MillsExcess(double z)
    {
        if (z < 0) throw new ArgumentOutOfRangeException(nameof(z), "MillsExcess needs z >= 0");
        if (z < 2)
        {
            double q = 0.5 * SpecialFunctions.Erfc(z / Sqrt2);
            double phi = InvSqrt2Pi * Math.Exp(-0.5 * z * z);
            return phi / q - z;
        }
        double tail = 0;
        for (int k = z < 3 ? 300 : 120; k >= 2; k--) tail = k / (z + tail);
        return 1 / (z + tail);
    }

    /// <summary>
    /// log Q(z) = log P(Z &gt; z), finite for every finite z: for z &gt;= 0 it is -z^2/2 - log sqrt(2 pi) - log(z + r(z)),
    /// which equals the asymptotic log erfc expansion where erfc underflows, without truncation error.
    /// </summary>
    public static double LogUpperTail(double z)
    {
        if (z >= 0) return -0.5 * z * z - HalfLog2Pi - Math.Log(z + MillsExcess(z));
        return SpecialFunctions.Log1p(-0.5 * SpecialFunctions.Erfc(-z / Sqrt2));
    }

    /// <summary>log P(alpha &lt;= Z &lt;= beta) (see <see cref="Moments"/>).</summary>
    public static double LogProbability(double alpha, double beta) => Moments(alpha, beta).LogMass;

    /// <summary>
    /// log P(alpha &lt;= Z &lt;= beta), E[Z | alpha &lt;= Z &lt;= beta] and Var[Z | alpha &lt;= Z &lt;= beta] for alpha &lt; beta.
    /// <code>
    ///   D = Phi(beta) - Phi(alpha),  E Z = (phi(alpha) - phi(beta))/D,
    ///   Var Z = 1 + (alpha phi(alpha) - beta phi(beta))/D - (E Z)^2  (clamped at &gt;= 0)
    /// </code>
    /// Evaluated (after reflecting so that alpha + beta &gt;= 0) in three regimes, c = (alpha+beta)/2, h = (beta-alpha)/2:
    /// <list type="bullet">
    /// <item>narrow (h &lt;= 1, c h &lt;= 1): 20-node Gauss-Legendre of phi(c + h s) and its first two moments on s in [-1,1],
    ///   relative to phi(c), so nothing cancels; error below 1e-16 relative.</item>
    /// <item>one tail (alpha &gt;= 0): D = Q(alpha)(1 - q), q = exp(-Delta) (alpha + r(alpha))/(beta + r(beta)),
    ///   Delta = (beta^2 - alpha^2)/2 = 2 c h, all ratios through the Mills excess r (no underflow: finite at alpha = 1e8).
    ///   With P = (alpha + r(alpha))/(1 - q): E Z = P (1 - e^-Delta) and
    ///   Var Z = 1 - P (alpha q + r(alpha))/(1 - q) - beta e^-Delta P + P^2 e^-Delta (2 - e^-Delta),
    ///   which for a half-infinite interval reduces to 1 - r (alpha + r) with no cancellation. Absolute error of Var Z
    ///   about eps (1 + alpha^2 e^-Delta): only a very narrow interval far out (Delta of order 1 with alpha &gt;&gt; 1) loses digits.</item>
    /// <item>straddling (alpha &lt; 0 &lt; beta, h &gt; 1): D = (erf(|alpha|/sqrt 2) + erf(beta/sqrt 2))/2 &gt;= 0.34, direct formulas.</item>
    /// </list>
    /// </summary>
    public static (double LogMass, double Mean, double Variance) Moments(double alpha, double beta)
    {
        if (!(alpha < beta)) throw new ArgumentException($"need alpha < beta, got [{alpha}, {beta}]");
        if (alpha + beta < 0)
        {
            var m = Moments(-beta, -alpha);
            return (m.LogMass, -m.Mean, m.Variance);
        }
        double c = 0.5 * (alpha + beta), h = 0.5 * (beta - alpha);
        if (h <= 1 && c * h <= 1)
        {
            double i0 = 0, i1 = 0, i2 = 0;
            for (int i = 0; i < GlNodes.Length; i++)
            {
                double s = GlNodes[i];
                double e = GlWeights[i] * Math.Exp(-c * h * s - 0.5 * h * h * s * s);
                i0 += e;
                i1 += e * s;
                i2 += e * s * s;
            }
            double es = i1 / i0;
            double vs = Math.Max(0, i2 / i0 - es * es);
            return (-0.5 * c * c - HalfLog2Pi + Math.Log(h * i0), c + h * es, h * h * vs);
        }
        if (alpha >= 0)
        {
            double ra = MillsExcess(alpha), rb = MillsExcess(beta);
            double delta = 2 * c * h;
            double eD = Math.Exp(-delta);
            double q = eD * (alpha + ra) / (beta + rb);
            double logMass = -0.5 * alpha * alpha - HalfLog2Pi - Math.Log(alpha + ra) + SpecialFunctions.Log1p(-q);
            double p = (alpha + ra) / (1 - q);
            double mean = -p * SpecialFunctions.Expm1(-delta);
            double variance = 1 - p * (alpha * q + ra) / (1 - q) - beta * eD * p + (eD == 0 ? 0 : p * p * eD * (2 - eD));
            return (logMass, mean, Math.Max(0, variance));
        }
        else
        {
            double d = 0.5 * (SpecialFunctions.Erf(-alpha / Sqrt2) + SpecialFunctions.Erf(beta / Sqrt2));
            double pa = InvSqrt2Pi * Math.Exp(-0.5 * alpha * alpha) / d;
            double pb = InvSqrt2Pi * Math.Exp(-0.5 * beta * beta) / d;
            double mean = pa - pb;
            double variance = 1 + alpha * pa - beta * pb - mean * mean;
            return (Math.Log(d), mean, Math.Max(0, variance));
        }
    }

    /// <summary>
    /// T(z) = E[(-|z| - Z)^+] = phi(z) - |z| Q(|z|) = phi(z) r(|z|)/(|z| + r(|z|)) &gt;= 0, the tail part of
    /// Psi(z) = E[(z - Z)^+] = z Phi(z) + phi(z) (an antiderivative of Phi): Psi(z) = max(z, 0) + T(z).
    /// Written through the Mills excess, so it keeps full relative accuracy far out (until phi underflows).
    /// </summary>
    public static double PsiTail(double z)
    {
        double a = Math.Abs(z);
        double r = MillsExcess(a);
        return InvSqrt2Pi * Math.Exp(-0.5 * a * a) * r / (a + r);
    }

    /// <summary>log T(z) = -z^2/2 - log sqrt(2 pi) + log r(|z|) - log(|z| + r(|z|)), finite where T underflows.</summary>
    public static double LogPsiTail(double z)
    {
        double a = Math.Abs(z);
        double r = MillsExcess(a);
        return -0.5 * a * a - HalfLog2Pi + Math.Log(r) - Math.Log(a + r);
    }
}
