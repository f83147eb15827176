using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Convergence;

/// <summary>
/// The exact solution v(t) of a case, as exact cell averages on any grid (MATH.md section 2). Two closed forms exist:
/// <list type="bullet">
/// <item>`terminal: heat` with the exact score: v(t) = u(t) for every eps (u solves the backward equation);</item>
/// <item>`terminal: gaussian` N(mu_T, sigma_T^2 I) with the exact score of a single Dirac at y: v(t) is the Gaussian
/// with mean y + (mu_T - y) (t/T)^((1+eps)/2) and variance sigma_T^2 (t/T)^(1+eps) + 2t (1 - (t/T)^eps) per coordinate.</item>
/// </list>
/// Both are solutions on R^d; on the box they are exact up to the mass outside it (keep the box wide).
/// For the Ornstein-Uhlenbeck forward process (`forward: ou`, times are OU times tau) the same two carry over by the
/// self-similar map v~(x, tau) = a^d v(a x, t(tau)), a = e^tau, t = (e^{2tau} - 1)/2 (<see cref="Equations.OrnsteinUhlenbeckProcess"/>):
/// `heat` gives v~ = w(tau), the OU law of u0; a Gaussian terminal N(mu, sigma^2 I) at tau = T is the heat terminal
/// N(a_T mu, a_T^2 sigma^2 I) at t(T), and the heat solution maps back to N(m(t)/a, Var(t)/a^2 I).
/// </summary>
public abstract class ExactSolution
{
    /// <summary>One line saying which solution this is.</summary>
    public abstract string Description { get; }

    /// <summary>Cell averages of v(., t) on <paramref name="grid"/>.</summary>
    public abstract double[] CellAveragesAt(Grid grid, double t);

    /// <summary>The exact solution of <paramref name="c"/>; a <see cref="CaseInputException"/> naming the key when there is none.</summary>
    public static ExactSolution For(Case c)
    {
        if (c.Score is not ExactScoreSpec)
            throw new CaseInputException("score.kind", c.Score.Kind,
                "converge needs the exact score (score.kind = exact): only then is an exact solution known");
        var forward = ForwardProcess.Of(c.Forward);
        var data = CaseBuilder.LawsOf(c.Data, forward);
        return c.Terminal switch
        {
            HeatTerminalSpec => new Heat(data),
            GaussianTerminalSpec g when c.Data is DiracMixtureSpec { Points.Length: 1 } d && c.Forward == ForwardKind.OrnsteinUhlenbeck =>
                new OrnsteinUhlenbeckDiracGaussian(d.Points[0], g.Mean, g.Variance, c.Eps, c.Time.T),
            GaussianTerminalSpec g when c.Data is DiracMixtureSpec { Points.Length: 1 } d =>
                new DiracGaussian(d.Points[0], g.Mean, g.Variance, c.Eps, c.Time.T),
            GaussianTerminalSpec => throw new CaseInputException("terminal.kind", "gaussian",
                "converge knows the exact solution for a gaussian terminal only with a single-Dirac data block " +
                "(data.kind = dirac-mixture with one point); allowed: heat (any data), or gaussian with one Dirac"),
            _ => throw new CaseInputException("terminal.kind", c.Terminal.Kind,
                "converge needs an exact solution; allowed: heat (v_T = u(T), any data), or gaussian with a single-Dirac data block"),
        };
    }

    /// <summary>v(t) = u(t), the heat flow of the data (for `forward: ou`, the OU law w(tau)).</summary>
    public sealed class Heat(IDataDistribution data) : ExactSolution
    {
        public override string Description => data is OrnsteinUhlenbeckMarginals
            ? "v(tau) = w(tau), the OU law of the data (terminal: heat)"
            : "v(t) = u(t) (terminal: heat)";

        public override double[] CellAveragesAt(Grid grid, double t) => CellAverages.Of(data, grid, t);
    }

    /// <summary>One Dirac at y, Gaussian terminal N(mu_T, sigma_T^2 I) at time T: v(t) stays Gaussian.</summary>
    public sealed class DiracGaussian(double[] y, double[] meanT, double varianceT, double eps, double T) : ExactSolution
    {
        public override string Description =>
            $"Gaussian v(t) (one Dirac at [{string.Join(", ", y)}], v_T = N([{string.Join(", ", meanT)}], {varianceT}))";

        /// <summary>y + (mu_T - y) (t/T)^((1+eps)/2).</summary>
        public double[] Mean(double t)
        {
            double a = Math.Pow(t / T, (1 + eps) / 2);
            return y.Select((yd, d) => yd + (meanT[d] - yd) * a).ToArray();
        }

        /// <summary>sigma_T^2 (t/T)^(1+eps) + 2t (1 - (t/T)^eps), per coordinate.</summary>
        public double Variance(double t) => varianceT * Math.Pow(t / T, 1 + eps) + 2 * t * (1 - Math.Pow(t / T, eps));

        public override double[] CellAveragesAt(Grid grid, double t) => CellAverages.OfGaussian(grid, Mean(t), Variance(t));
    }

    /// <summary>
    /// One Dirac at y, OU time tau, Gaussian terminal N(mu_T, sigma_T^2 I) at tau = T: the heat solution of
    /// <see cref="DiracGaussian"/> with terminal N(a_T mu_T, a_T^2 sigma_T^2 I) at t(T), mapped back by x = y / a.
    /// </summary>
    public sealed class OrnsteinUhlenbeckDiracGaussian(double[] y, double[] meanT, double varianceT, double eps, double T)
        : ExactSolution
    {
        private readonly DiracGaussian _heat = new(y, meanT.Select(m => Math.Exp(T) * m).ToArray(),
            Math.Exp(2 * T) * varianceT, eps, OrnsteinUhlenbeckProcess.HeatTimeOf(T));

        public override string Description =>
            $"Gaussian v(tau) (OU; one Dirac at [{string.Join(", ", y)}], v_T = N([{string.Join(", ", meanT)}], {varianceT}))";

        /// <summary>m(t(tau)) / a of the heat solution.</summary>
        public double[] Mean(double tau)
        {
            double a = Math.Exp(tau);
            return _heat.Mean(OrnsteinUhlenbeckProcess.HeatTimeOf(tau)).Select(m => m / a).ToArray();
        }

        /// <summary>Var(t(tau)) / a^2 of the heat solution, per coordinate.</summary>
        public double Variance(double tau) => _heat.Variance(OrnsteinUhlenbeckProcess.HeatTimeOf(tau)) * Math.Exp(-2 * tau);

        public override double[] CellAveragesAt(Grid grid, double tau) => CellAverages.OfGaussian(grid, Mean(tau), Variance(tau));
    }
}
