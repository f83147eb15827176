using System.Globalization;
using FokkerPlanckGrid.Convergence;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Particles;

namespace FokkerPlanckGrid.Verification;

/// <summary>
/// Theorem 3.11 and the Monte Carlo comparison for a particle run (`fpgrid verify` on a case with a `particles` block).
/// <list type="bullet">
/// <item><c>convex_hull_bound</c>: d(X_t, K) &lt;= sqrt(t/T) d(X_T, K) for every particle at every level. For eps = 0 it
///   holds exactly for exact-mean-shift and for Heun (steps with q &gt;= 1/3), and Euler keeps its own discrete factor
///   prod (1+q)/2 exactly (proofs: <see cref="ParticleSampler"/>); the allowance is rounding only,
///   (steps + 1) (J + 8) 2^-52 (max |X| + max |y|), J the number of atoms (the rounding of a J-term convex combination
///   plus that of the step and of the distance, accumulated over the steps). For eps &gt; 0 nothing holds pathwise: the
///   check is measured and marked not guaranteed (<see cref="CheckResult.Guaranteed"/>).</item>
/// <item><c>imitation_rate</c> (eps = 0, Dirac data): stored trajectories whose end point has chosen an atom (largest
///   softmax weight &gt;= 1 - 1e-3 at t_min: the other atoms then
///   pull m off that atom by at most 1e-3 of their distance) approach it like sqrt(t): the least-squares exponent of the
///   root-mean-square distance to that atom against t over the last decade [t_min, 10 t_min] of stored levels must be
///   within <see cref="RateTolerance"/> of 1/2 (the tolerance allows for the other atoms' residual pull at the start
///   of the window).</item>
/// <item><c>barycentre_limits</c> (Figure 3): end points that have not chosen an atom but sit at a fixed point of the
///   mean shift, b = m(X, t_min) with |m(b, t_min) - b| &lt;= 1e-9 (1 + |b|) — a barycentre of tied atoms on a symmetry
///   set — approach b at the same sqrt(t) rate; the detail lists the barycentres. Others are counted as in transit
///   (caught on an unstable set at t_min).</item>
/// <item><c>monte_carlo</c>: the histogram of the end points against the grid's v(t_min), within the error budget of
///   <see cref="MonteCarloComparison"/>.</item>
/// <item><c>mixing_limits_particles_delta{delta}</c> (mixed score of Dirac data, follow-up paper): the share of the
///   particles within delta of the critical points of Phi_lambda (<see cref="CriticalPointTracker"/>) at t_min must be at
///   least its value at T and at the stored level nearest sqrt(T t_min), as the grid's <c>mixing_limits_delta</c>. For
///   particles drawn from v_T (generic starts) only the local minima count: Clarke saddles and maxima attract only starts
///   on a symmetry set, a null set for a density, so a drift that sends the particles to another set (a wrong score, or
///   the critical points of another lambda) fails even where that set meets a non-minimal critical point. For given
///   start points every critical point counts.</item>
/// <item><c>mixing_rate_particles</c> (mixed score, eps = 0): stored trajectories that end within the smallest delta of an
///   interior minimum c_ij approach it like sqrt(t): on the cell R_ij the mean shift tends to c_ij exponentially fast in
///   1/t and the exact step contracts X - m by sqrt(q); exponent over the last decade within
///   <see cref="RateTolerance"/> of 1/2 (a drift of the wrong strength a s gives t^{a/2}). Trajectories ending at a
///   boundary critical point are reported, not judged: at a guidance kink the approach runs in a layer of width O(t),
///   not sqrt(t).</item>
/// </list>
/// A check that does not apply is not faked: it is left out and a note says why; one that applies but that theory does
/// not guarantee for the case is measured and marked not guaranteed.
/// </summary>
public static class ParticleChecks
{
    /// <summary>How far the fitted rate exponent may be from 1/2.</summary>
    public const double RateTolerance = 0.05;

    /// <summary>Softmax weight of an atom above which an end point has chosen it.</summary>
    public const double CaptureWeight = 1 - 1e-3;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>What the particle checks judge.</summary>
    /// <param name="Run">the particle run</param>
    /// <param name="Method">its step</param>
    /// <param name="Eps">eps</param>
    /// <param name="Hull">the hull tracker of the run, or null with <paramref name="HullReason"/> saying why not</param>
    /// <param name="HullReason">why the convex-hull bound does not apply</param>
    /// <param name="Atoms">the atoms of Dirac data (exact score), or null with <paramref name="AtomsReason"/></param>
    /// <param name="AtomsReason">why the rate checks do not apply</param>
    /// <param name="MeanShiftTerms">J, atoms in the mean shift (rounding of the convex combination)</param>
    /// <param name="MonteCarlo">the Monte Carlo budget, or null with <paramref name="MonteCarloReason"/></param>
    /// <param name="MonteCarloReason">why the Monte Carlo comparison does not apply</param>
    /// <param name="Mixing">where the particles went against the critical points of Phi_lambda (mixed scores of Dirac
    /// data), or null</param>
    /// <param name="GenericStarts">the particles were drawn from a density (v_T), not started at given points</param>
    public sealed record Inputs(ParticleRun Run, ParticleMethod Method, double Eps, HullTracker? Hull, string? HullReason,
        DiracMixture? Atoms, string? AtomsReason, int MeanShiftTerms, MonteCarloBudget? MonteCarlo, string? MonteCarloReason,
        CriticalPointTracker? Mixing = null, bool GenericStarts = true);

    /// <summary>The checks that apply, and one note per check that does not.</summary>
    public static (List<CheckResult> Checks, List<string> Notes) Evaluate(Inputs x)
    {
        var checks = new List<CheckResult>();
        var notes = new List<string>();
        ConvexHullBound(x, checks, notes);
        Rates(x, checks, notes);
        if (x.Mixing is { } mixing) MixingLimits(x, mixing, checks, notes);
        if (x.MonteCarlo is { } mc)
        {
            string exact = mc.ExactDistance is { } e ? $"; particles vs exact v(t_min): {F(e)}" : "";
            checks.Add(new CheckResult("monte_carlo", mc.Distance <= mc.Bound, mc.Distance, mc.Bound, mc.Bound - mc.Distance,
                $"||histogram - v_h(t_min)||_1 of {mc.Particles} end points on the grid cells; bound = grid discretisation " +
                $"{F(mc.Grid)} ({(mc.GridExact ? "exact, v = u" : "Richardson estimate, cells halved")}) + particle time stepping " +
                $"{F(mc.Time)} (K vs K/2 steps) + statistical {F(mc.Statistical)} + deviation {F(mc.Deviation)} " +
                $"(probability {mc.Delta.ToString("G2", Inv)}){exact}"));
        }
        else notes.Add($"monte_carlo: not applicable: {x.MonteCarloReason}");
        return (checks, notes);
    }

    private static void ConvexHullBound(Inputs x, List<CheckResult> checks, List<string> notes)
    {
        if (x.Hull is not { } hull)
        {
            notes.Add($"convex_hull_bound: not applicable: {x.HullReason}");
            return;
        }
        var run = x.Run;
        double excess = double.NegativeInfinity, discrete = double.NegativeInfinity, reach = 0;
        long beyond = 0;
        for (long p = 0; p < hull.Count; p++)
        {
            excess = NanMax(excess, hull.Excess(p));
            discrete = NanMax(discrete, hull.DiscreteExcess(p));
            reach = Math.Max(reach, hull.Reach(p));
        }
        double allowance = (run.Steps + 1) * (x.MeanShiftTerms + 8) * Math.Pow(2, -52) * (reach + hull.Hull.Scale);
        for (long p = 0; p < hull.Count; p++)
            if (!(hull.Excess(p) <= allowance)) beyond++;
        double minQ = 1;
        for (int n = 1; n < run.Levels.Length; n++) minQ = Math.Min(minQ, run.Levels[n] / run.Levels[n - 1]);
        string measured = $"{beyond} of {run.Count} particles exceed sqrt(t/T) d(X_T, K) beyond rounding, by at most {F(excess)}";
        string why = x.Eps > 0 ? $"eps = {x.Eps.ToString("G4", Inv)} > 0: the noise leaves K (Theorem 3.11 is about the ODE)"
            : x.Method == ParticleMethod.Heun && minQ < 1.0 / 3 ? $"Heun with a step ratio q = {F(minQ)} < 1/3" : "";
        if (why.Length > 0)
        {
            checks.Add(new CheckResult("convex_hull_bound", excess <= allowance, excess, allowance, allowance - excess,
                $"not guaranteed for {why}; {measured} (rounding allowance {F(allowance)})", Guaranteed: false));
            return;
        }
        string what = $"max over {run.Count} particles and {run.Levels.Length} levels of d(X_t, K) - f(t) d(X_T, K), " +
            $"K the hull of {hull.Hull.VertexCount} vertices; allowance: rounding, (steps + 1) (J + 8) 2^-52 (max|X| + max|y|), J = {x.MeanShiftTerms}";
        if (x.Method == ParticleMethod.EulerMaruyama)
            checks.Add(new CheckResult("convex_hull_bound", discrete <= allowance, discrete, allowance, allowance - discrete,
                what + $"; f = prod (1 + q_n)/2, Euler's own exact factor (the continuous sqrt(t/T) is not guaranteed for Euler: {measured})"));
        else
            checks.Add(new CheckResult("convex_hull_bound", excess <= allowance, excess, allowance, allowance - excess,
                what + $"; f = sqrt(t/T), exact for {(x.Method == ParticleMethod.Heun ? "Heun (q >= 1/3)" : "exact-mean-shift")} at eps = 0"));
    }

    private static void Rates(Inputs x, List<CheckResult> checks, List<string> notes)
    {
        if (x.Eps > 0)
        {
            notes.Add("imitation_rate: not applicable for eps > 0 (Theorem 3.11's sqrt(t) rate is about the ODE, eps = 0)");
            return;
        }
        if (x.Atoms is not { } atoms)
        {
            notes.Add($"imitation_rate: not applicable: {x.AtomsReason}");
            return;
        }
        var run = x.Run;
        int d = run.Dimension, last = run.StoredLevels.Length - 1;
        double tMin = run.Levels[^1];
        var captured = new List<(int Index, double[] Limit)>();
        var barycentres = new List<(int Index, double[] Limit)>();
        int transit = 0;
        Span<double> end = stackalloc double[d];
        for (int i = 0; i < run.StoredCount; i++)
        {
            for (int c = 0; c < d; c++) end[c] = run.Stored(last, i, c);
            if (!double.IsFinite(end[0]) || (d == 2 && !double.IsFinite(end[1]))) { transit++; continue; }
            var (k, weight) = NearestWeight(atoms, end, tMin);
            if (weight >= CaptureWeight)
            {
                captured.Add((i, Enumerable.Range(0, d).Select(c => atoms.Point(k, c)).ToArray()));
                continue;
            }
            var b = MeanShift(atoms, end, tMin);
            var mb = MeanShift(atoms, b, tMin);
            double gap = 0, size = 0;
            for (int c = 0; c < d; c++)
            {
                gap = Math.Max(gap, Math.Abs(mb[c] - b[c]));
                size = Math.Max(size, Math.Abs(b[c]));
            }
            if (gap <= 1e-9 * (1 + size)) barycentres.Add((i, b));
            else transit++;
        }
        var window = Window(run, tMin);
        string counts = $"{captured.Count} stored trajectories chose an atom, {barycentres.Count} a barycentre, {transit} in transit";
        if (captured.Count > 0)
            checks.Add(RateCheck("imitation_rate", run, captured, window,
                $"least-squares exponent of the RMS distance to the chosen atom against t over {window.Length} stored levels " +
                $"t in [{F(run.Levels[run.StoredLevels[window[0]]])}, {F(tMin)}], against 1/2 (Theorem 3.11: |X_t - y_i| <= C sqrt(t)); {counts}"));
        else notes.Add($"imitation_rate: no stored trajectory chose an atom by t_min ({counts})");
        if (barycentres.Count > 0)
        {
            // + 0.0 turns -0 into 0 (a start at (0, -y) ends at (0, -0))
            var groups = barycentres.GroupBy(b => string.Join(", ", b.Limit.Select(v => (Math.Round(v, 6) + 0.0).ToString("G6", Inv))))
                .Select(g => $"({g.Key}) x{g.Count()}");
            checks.Add(RateCheck("barycentre_limits", run, barycentres, window,
                $"Figure 3: trajectories on a symmetry set converge to barycentres {string.Join(", ", groups)}; " +
                $"exponent of the RMS distance to them against 1/2; {counts}"));
        }
    }

    private static void MixingLimits(Inputs x, CriticalPointTracker m, List<CheckResult> checks, List<string> notes)
    {
        int last = m.Times.Length - 1;
        if (last < 1 || m.Totals[last] == 0)
        {
            notes.Add("mixing_limits_particles: not applicable: the particles were not counted at T and t_min");
            return;
        }
        int mid = m.SlotNear(Math.Sqrt(m.Times[0] * m.Times[last]));
        var points = m.Potential.CriticalPoints;
        string which = x.GenericStarts ? "the local minima" : "the critical points";
        for (int k = 0; k < m.Deltas.Length; k++)
        {
            double Near(int slot) => x.GenericStarts ? m.NearMinima(slot, k) : m.NearAny(slot, k);
            double start = Near(0), middle = Near(mid), end = Near(last), bound = Math.Max(start, middle);
            string perPoint = string.Join(", ", points.Select((c, i) => $"{c}: {F(m.Share(last, k, i))}").Take(8)) +
                (points.Count > 8 ? $", ... ({points.Count} points)" : "");
            checks.Add(new CheckResult($"mixing_limits_particles_delta{m.Deltas[k].ToString("G", Inv)}", end >= bound, end, bound, end - bound,
                $"share of the {m.Totals[last]} particles within delta of {which} of Phi_lambda (lambda = {F(m.Potential.Lambda)}) at t_min " +
                $"vs at T ({F(start)}) and t = {F(m.Times[mid])} ({F(middle)}) (follow-up paper: -> 1 as t -> 0" +
                (x.GenericStarts ? "; starts drawn from v_T go to local minima" : "; given start points may end on boundary critical points") +
                $"); near any critical point {F(m.NearAny(last, k))}; {perPoint}"));
        }
        if (x.Eps > 0) return;
        var run = x.Run;
        int d = run.Dimension, stored = run.StoredLevels.Length - 1;
        double radius = m.Deltas.Min();
        var interior = new List<(int Index, double[] Limit)>();
        var boundary = new List<(int Index, double[] Limit)>();
        Span<double> end0 = stackalloc double[d];
        for (int i = 0; i < run.StoredCount; i++)
        {
            for (int c = 0; c < d; c++) end0[c] = run.Stored(stored, i, c);
            if (!double.IsFinite(end0[0]) || (d == 2 && !double.IsFinite(end0[1]))) continue;
            var (k, r) = m.Potential.Nearest(end0);
            if (!(r < radius)) continue;
            var point = points[k];
            (point.IsLocalMinimum && !point.OnBoundary ? interior : boundary).Add((i, point.X));
        }
        var window = Window(run, run.Levels[^1]);
        string counts = $"{interior.Count} of {run.StoredCount} stored trajectories end within {F(radius)} of an interior minimum, " +
            $"{boundary.Count} of a boundary critical point";
        if (boundary.Count > 0)
        {
            var b = RateCheck("mixing_rate_boundary", run, boundary, window, "");
            notes.Add($"mixing_rate_particles: {boundary.Count} stored trajectories end at boundary critical points " +
                $"({string.Join(", ", boundary.GroupBy(g => string.Join(", ", g.Limit.Select(v => (Math.Round(v, 6) + 0.0).ToString("G6", Inv)))).Select(g => $"({g.Key}) x{g.Count()}"))}); " +
                $"their RMS distance falls like t^{F(b.Measured)} (reported, not judged: sqrt(t) is not a theorem at a kink)");
        }
        if (interior.Count > 0)
            checks.Add(RateCheck("mixing_rate_particles", run, interior, window,
                $"least-squares exponent of the RMS distance to the interior minimum c_ij = lambda y_i + (1 - lambda) z_j reached, " +
                $"over {window.Length} stored levels t in [{F(run.Levels[run.StoredLevels[window[0]]])}, {F(run.Levels[^1])}], against 1/2 " +
                $"(the exact step contracts X - m by sqrt(q) and m -> c_ij); {counts}"));
        else notes.Add($"mixing_rate_particles: not applicable: {counts}");
    }

    private static CheckResult RateCheck(string name, ParticleRun run, List<(int Index, double[] Limit)> group, int[] window, string detail)
    {
        int d = run.Dimension;
        var t = new double[window.Length];
        var rms = new double[window.Length];
        for (int w = 0; w < window.Length; w++)
        {
            int s = window[w];
            t[w] = run.Levels[run.StoredLevels[s]];
            double sum = 0;
            foreach (var (i, limit) in group)
                for (int c = 0; c < d; c++)
                {
                    double e = run.Stored(s, i, c) - limit[c];
                    sum += e * e;
                }
            rms[w] = Math.Sqrt(sum / group.Count);
        }
        double exponent = ObservedOrder.Fitted(t, rms);
        double off = Math.Abs(exponent - 0.5);
        return new CheckResult(name, off <= RateTolerance, exponent, 0.5, RateTolerance - off,
            detail + $"; tolerance {RateTolerance.ToString("G", Inv)}; RMS distance {F(rms[0])} -> {F(rms[^1])}");
    }

    /// <summary>Stored levels with t &lt;= 10 t_min (the last decade); at least the last three stored levels.</summary>
    private static int[] Window(ParticleRun run, double tMin)
    {
        var levels = run.StoredLevels;
        var inDecade = Enumerable.Range(0, levels.Length).Where(s => run.Levels[levels[s]] <= 10 * tMin * (1 + 1e-12)).ToArray();
        if (inDecade.Length >= 3) return inDecade;
        return Enumerable.Range(Math.Max(0, levels.Length - 3), Math.Min(3, levels.Length)).ToArray();
    }

    /// <summary>The atom of largest softmax weight at (x, t) and that weight (log-sum-exp).</summary>
    public static (int Atom, double Weight) NearestWeight(DiracMixture atoms, ReadOnlySpan<double> x, double t)
    {
        int best = 0;
        double max = double.NegativeInfinity;
        var a = new double[atoms.Count];
        for (int k = 0; k < atoms.Count; k++)
        {
            double r = 0;
            for (int c = 0; c < atoms.Dimension; c++) r += (x[c] - atoms.Point(k, c)) * (x[c] - atoms.Point(k, c));
            a[k] = Math.Log(atoms.Weights[k]) - r / (4 * t);
            if (a[k] > max) { max = a[k]; best = k; }
        }
        double z = 0;
        for (int k = 0; k < atoms.Count; k++) z += Math.Exp(a[k] - max);
        return (best, Math.Exp(a[best] - max) / z);
    }

    /// <summary>m(x, t) = x + 2t s(x, t).</summary>
    public static double[] MeanShift(DiracMixture atoms, ReadOnlySpan<double> x, double t)
    {
        var s = new double[atoms.Dimension];
        atoms.Score(x, t, s);
        var m = new double[atoms.Dimension];
        for (int c = 0; c < m.Length; c++) m[c] = x[c] + 2 * t * s[c];
        return m;
    }

    private static double NanMax(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b);

    private static string F(double v) => v.ToString("G4", Inv);
}
