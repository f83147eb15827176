using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Time;

namespace FokkerPlanckGrid.Particles;

/// <summary>
/// Turns a case with a `particles` block into a sampler, the convex hull K of Theorem 3.11 and the atoms of the rate
/// checks. Reading of SPEC: the particles share the case's score, eps, T and t_min; their time levels are geometric,
/// t_n = T (t_min/T)^(n/K) with K = `particles.steps`, whatever `time.spacing` says (an adaptive grid bounds the grid's
/// Courant number, which particles do not have; every method is stable on geometric levels since the exact-mean-shift
/// step contracts for any ratio). `start: terminal` draws from v_T exactly: u(T) for `heat` (a point of u0 plus
/// sqrt(2T) xi), N(mean, variance I) for `gaussian`, the cell averages for `file`; given points are used in turn
/// (particle p starts at points[p mod P]).
/// </summary>
public static class ParticleCases
{
    /// <summary>The case-file spelling of a method.</summary>
    public static ParticleMethod MethodOf(string name) => name switch
    {
        "exact-mean-shift" => ParticleMethod.ExactMeanShift,
        "euler-maruyama" => ParticleMethod.EulerMaruyama,
        "heun" => ParticleMethod.Heun,
        _ => throw new CaseInputException("particles.method", name, "allowed: exact-mean-shift, euler-maruyama, heun"),
    };

    /// <summary>K + 1 geometric levels from T down to t_min.</summary>
    public static double[] Levels(TimeSpec time, int steps)
    {
        var grid = TimeGrid.Geometric(time.T, time.TMin, steps);
        return Enumerable.Range(0, steps + 1).Select(grid.Level).ToArray();
    }

    /// <summary>Builds the particle objects; bad input raises <see cref="CaseInputException"/> naming the key.</summary>
    public static ParticleSetup Build(Case c, int threads = 0)
    {
        var spec = c.Particles ?? throw new CaseInputException("particles", "(missing)", "the case needs a particles block");
        var grid = CaseBuilder.GridOf(c.Grid);
        var data = DataDistributions.From(c.Data);
        if (data.Dimension != grid.Dimension)
            throw new CaseInputException("data", $"{data.Dimension}D data", $"the grid is {grid.Dimension}D");
        if (c.Forward == ForwardKind.OrnsteinUhlenbeck) return BuildOrnsteinUhlenbeck(c, spec, grid, data, threads);
        var score = CaseBuilder.ScoreOf(c.Score, data, grid, threads);
        var (lo, hi) = score.TimeRange;
        if (c.Time.TMin < lo * (1 - 1e-12) || c.Time.T > hi * (1 + 1e-12))
            throw new CaseInputException("time", $"[{c.Time.TMin}, {c.Time.T}]", $"the score is defined for t in [{lo}, {hi}] only");
        IParticleStart start = spec.StartPoints is { } points ? ParticleStarts.Points(points) : c.Terminal switch
        {
            HeatTerminalSpec => ParticleStarts.Heat(data, c.Time.T),
            GaussianTerminalSpec g => ParticleStarts.Gaussian(g.Mean, g.Variance),
            FileTerminalSpec => ParticleStarts.Cells(grid, CaseBuilder.TerminalOf(c, grid, data)),
            _ => throw new CaseInputException("terminal.kind", c.Terminal.Kind, "allowed: heat, gaussian, file"),
        };
        var method = MethodOf(spec.Method);
        var sampler = new ParticleSampler(score, start, method, c.Eps, Levels(c.Time, spec.Steps));
        return new ParticleSetup(c, spec, grid, data, score, start, method, sampler);
    }

    /// <summary>
    /// forward = ou (<see cref="OrnsteinUhlenbeckParticles"/>): the heat sampler of the data at the mapped levels, from
    /// the mapped start. The heat score of the data is exact for exact scores; for a mixed score too, since the OU mixed
    /// score the grid uses is lambda s_ou1 + (1 - lambda) s_ou2 = a (lambda s1 + (1 - lambda) s2)(a x, t), the map of
    /// the heat mixed score. A tabulated score is the OU score on this grid's cells; the heat score at a x would have to
    /// be read off the grid, so that combination is rejected.
    /// </summary>
    private static ParticleSetup BuildOrnsteinUhlenbeck(Case c, ParticlesSpec spec, Grids.Grid grid, IDataDistribution data, int threads)
    {
        if (c.Score is GridFileScoreSpec)
            throw new CaseInputException("score.kind", c.Score.Kind, "particles with forward = ou need the heat-flow score of the data " +
                "at e^tau x, off the grid where the table holds the OU score; allowed with forward = ou and particles: exact, mixed");
        var score = CaseBuilder.ScoreOf(c.Score, data, grid, threads);   // the heat-flow score of the data
        double tLow = Equations.OrnsteinUhlenbeckProcess.HeatTimeOf(c.Time.TMin), tHigh = Equations.OrnsteinUhlenbeckProcess.HeatTimeOf(c.Time.T);
        var (lo, hi) = score.TimeRange;
        if (tLow < lo * (1 - 1e-12) || tHigh > hi * (1 + 1e-12))
            throw new CaseInputException("time", $"[{c.Time.TMin}, {c.Time.T}]",
                $"forward = ou maps it to heat times [{tLow}, {tHigh}], but the score is defined for t in [{lo}, {hi}] only");
        double aT = Math.Exp(c.Time.T);
        IParticleStart start = spec.StartPoints is { } points
            ? OrnsteinUhlenbeckParticles.Scaled(ParticleStarts.Points(points), aT)
            : c.Terminal switch
            {
                HeatTerminalSpec => ParticleStarts.Heat(data, tHigh),   // a_T w(T) ~ u(t(T))
                GaussianTerminalSpec g => ParticleStarts.Gaussian(g.Mean.Select(m => aT * m).ToArray(), aT * aT * g.Variance),
                FileTerminalSpec => OrnsteinUhlenbeckParticles.Scaled(ParticleStarts.Cells(grid, CaseBuilder.TerminalOf(c, grid, data)), aT),
                _ => throw new CaseInputException("terminal.kind", c.Terminal.Kind, "allowed: heat, gaussian, file"),
            };
        var method = MethodOf(spec.Method);
        var ou = new OrnsteinUhlenbeckParticles(score, start, method, c.Eps, Levels(c.Time, spec.Steps));
        return new ParticleSetup(c, spec, grid, data, score, start, method, ou.Heat, ou);
    }

    /// <summary>
    /// The points whose convex hull is K for the case's score, and J, the number of atoms its mean shift combines; or
    /// null and the reason Theorem 3.11's bound does not apply. Exact scores of compactly supported data: the atoms
    /// (Dirac mixtures, samples), the quadrature nodes (curves: the score is that of the node mixture), the corners
    /// (uniform boxes). Mixed scores with lambda in [0, 1]: m = lambda m1 + (1 - lambda) m2 lies in the hull of both
    /// supports together.
    /// </summary>
    public static (double[][]? Points, int Terms, string? Reason) HullPoints(Case c, IDataDistribution data) => c.Score switch
    {
        ExactScoreSpec => SupportPoints(data),
        MixedScoreSpec { Lambda: > 1 } m =>
            (null, 0, $"score guidance (lambda = {m.Lambda} > 1): m = lambda m1 + (1 - lambda) m2 need not lie in either hull"),
        MixedScoreSpec m => Union(SupportPoints(DataDistributions.From(m.First)), SupportPoints(DataDistributions.From(m.Second))),
        _ => (null, 0, "a tabulated score carries no mean shift known to lie in a hull"),
    };

    /// <summary>
    /// For a mixed score of Dirac (or sample) data, a tracker of the particles against the critical points of Phi_lambda
    /// at the run's stored levels, with the case's diagnostics.deltas as radii; for other scores (null, null); for a mixed
    /// score whose critical points are not enumerated, (null, the reason).
    /// </summary>
    public static (CriticalPointTracker? Tracker, string? Reason) CriticalPoints(Case c, ParticleSampler sampler, int storedLevels)
    {
        if (c.Score is not MixedScoreSpec m) return (null, null);
        if (c.Diagnostics.Deltas.Length == 0) return (null, "diagnostics.deltas is empty: no radius to count the particles within");
        var potential = Mixing.MixingPotential.Of(m, out string reason);
        return potential is null ? (null, reason)
            : (CriticalPointTracker.ForStoredLevels(potential, c.Diagnostics.Deltas.Distinct().Order().ToArray(), sampler, storedLevels), null);
    }

    /// <summary>The atoms of Dirac data under the exact score (for the sqrt(t) rate checks), or the reason there are none.</summary>
    public static (DiracMixture? Atoms, string? Reason) Atoms(Case c, IDataDistribution data)
    {
        if (c.Score is not ExactScoreSpec)
            return (null, c.Score is MixedScoreSpec
                ? "a mixed score's trajectories go to critical points of Phi_lambda, not to data points"
                : "a tabulated score has no known data points");
        return data switch
        {
            DiracMixture d => (d, null),
            CurveMeasure => (null, "curve data: its quadrature nodes are not data points (the sqrt(t) statement is for Dirac mixtures)"),
            _ => (null, $"{c.Data.Kind} data is not a Dirac mixture"),
        };
    }

    private static (double[][]? Points, int Terms, string? Reason) SupportPoints(IDataDistribution data) => data switch
    {
        DiracMixture d => (Rows(d), d.Count, null),
        CurveMeasure curve => (Rows(curve.Nodes), curve.Nodes.Count, null),
        UniformBox box => (Corners(box), 1, null),
        _ => (null, 0, "Gaussian data has no compact support, so no convex hull to bound"),
    };

    private static (double[][]? Points, int Terms, string? Reason) Union(
        (double[][]? Points, int Terms, string? Reason) a, (double[][]? Points, int Terms, string? Reason) b) =>
        a.Points is null ? a : b.Points is null ? b : ([.. a.Points, .. b.Points], a.Terms + b.Terms, null);

    private static double[][] Rows(DiracMixture d) =>
        Enumerable.Range(0, d.Count).Select(k => Enumerable.Range(0, d.Dimension).Select(c => d.Point(k, c)).ToArray()).ToArray();

    private static double[][] Corners(UniformBox box) => box.Dimension == 1
        ? [[box.Lower(0)], [box.Upper(0)]]
        : [[box.Lower(0), box.Lower(1)], [box.Upper(0), box.Lower(1)], [box.Upper(0), box.Upper(1)], [box.Lower(0), box.Upper(1)]];
}
