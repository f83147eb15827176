using System.Globalization;
using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Simulations;

namespace FokkerPlanckGrid.Verification;

/// <summary>
/// Turns a run's records into PASS/FAIL statements. Exact statements (mass, positivity, the discrete L^p bound, the
/// discrete data-processing inequality, the discrete Li-Yau bound) are checked to round-off with the allowance stated
/// in each detail. Statements true only in the limit (monotonicity of KL against the exact u, the dissipation
/// identity, and Remark 5.4 where the run misses it) are checked by refinement: the run's violation must be smaller than the larger of the violations of two
/// coarser runs (cells and steps halved, and quartered), unless it is already at round-off. Two levels, because a
/// discretisation error that changes sign between resolutions can make one coarse level's error accidentally small.
/// <para>
/// What theory does not promise for the case is measured all the same and marked not guaranteed
/// (<see cref="CheckResult.Guaranteed"/>), never passed or failed silently: under guidance (lambda &gt; 1) div s =
/// lambda div s1 + (1 - lambda) div s2 carries a negative weight, so Li-Yau and everything built on it (Theorem 3.1, the
/// discrete L^p bound) may fail; under any score mixing the exact u is not a solution of the mixed equation (its score
/// is not the mixed one), so Lemma 5.3, (5.6) and Theorem 3.4 say nothing about KL(v||u) or the support of u0 — the
/// critical points of Phi_lambda take the place of the support (`mixing_limits_delta{delta}`).
/// </para>
/// </summary>
public static class TheoremChecks
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Everything needed to judge a run.</summary>
    /// <param name="Dimension">d</param>
    /// <param name="Eps">eps</param>
    /// <param name="TMax">T</param>
    /// <param name="CellWidth">the largest cell width h</param>
    /// <param name="ExactlyPositive">the stepper is a Markov matrix in floating point</param>
    /// <param name="LiYauGuaranteed">the score obeys Li-Yau by theory (exact, or mixed with lambda in [0, 1])</param>
    /// <param name="Levels">mass and min v per level</param>
    /// <param name="Series">the theorem diagnostics</param>
    /// <param name="Coarse">the same run with cells and steps halved and quartered, for the limit statements (empty: none)</param>
    /// <param name="P">the exponents</param>
    /// <param name="Deltas">the concentration radii</param>
    /// <param name="Forward">the forward process (default: the heat flow)</param>
    /// <param name="Guidance">the score is guidance, mixed with lambda &gt; 1: Li-Yau, Theorem 3.1 and the discrete L^p
    /// bound are measured but not guaranteed</param>
    /// <param name="ScoreOfData">the score is meant to be that of u (exact, or a learned approximation of it); false for a
    /// mixed score, for which the statements about KL against u and about the support of u0 are not guaranteed</param>
    /// <param name="Mixing">where v sits relative to the critical points of Phi_lambda (mixed Dirac data), or null</param>
    public sealed record Inputs(int Dimension, double Eps, double TMax, double CellWidth, bool ExactlyPositive,
        bool LiYauGuaranteed, LevelDiagnostics Levels, DiagnosticSeries Series, IReadOnlyList<DiagnosticSeries> Coarse,
        IReadOnlyList<double> P, IReadOnlyList<double> Deltas, ForwardProcess? Forward = null, bool Guidance = false,
        bool ScoreOfData = true, MixingTracker? Mixing = null);

    public static List<CheckResult> Evaluate(Inputs x)
    {
        var checks = new List<CheckResult>();
        var s = x.Series;
        int n = s.Count, last = n - 1;
        double tMin = s.Time[last];
        var forward = x.Forward ?? ForwardProcess.Heat;
        bool ou = forward.LinearDrift != 0;
        const string guidanceNote = "; not guaranteed under guidance (lambda > 1: (1 - lambda) div s2 enters with a negative weight)";
        const string mixedNote = "; not guaranteed for a mixed score (u does not solve the mixed equation)";

        double drift = x.Levels.RelativeMassDrift();
        double massTol = x.ExactlyPositive ? 1e-12 : 1e-9;
        checks.Add(Make("mass", drift <= massTol, drift, massTol, massTol - drift,
            $"max relative change of sum v dx over {n} levels ({(x.ExactlyPositive ? "round-off" : "BiCGStab tolerance")} allowance)"));

        double min = x.Levels.MinOverRun();
        double posTol = x.ExactlyPositive ? 0 : -1e-8 * x.Levels.Max.Max();
        checks.Add(Make("positivity", min >= posTol, min, posTol, min - posTol,
            x.ExactlyPositive ? "min v over the run; exact (Markov step in floating point)" : "min v; solver tolerance"));

        for (int k = 0; k < x.P.Count; k++)
        {
            double p = x.P[k];
            string tag = double.IsPositiveInfinity(p) ? "inf" : p.ToString("G", Inv);
            if (p == 1) continue;   // p = 1 is the mass check
            // level 0 is v_T itself (ratio 1 by definition): judge the levels after it. The discrete solution obeys the
            // continuous bound only up to the O(dtau) factor by which the discrete bound exceeds it (sharp cases reach it).
            // Only levels whose discrete bound is finite are judged: a step with tau c (p-1)/p >= 1 makes it infinite from
            // there on, and then no O(dtau) factor relates the scheme to the continuous bound.
            double worst = 0, worstDiscrete = 0, allowance = 1, worstUnjudged = 0;
            int at = Math.Min(1, last), judged = 0;
            for (int i = Math.Min(1, last); i < n; i++)
            {
                double r = s.LpNorm[i][k] / s.LpBound[i][k];
                double bd = s.LpDiscreteBound[i][k];
                if (double.IsFinite(bd))
                {
                    judged++;
                    if (r > worst) { worst = r; at = i; }
                    worstDiscrete = Math.Max(worstDiscrete, s.LpNorm[i][k] / bd);
                    allowance = Math.Max(allowance, bd / s.LpBound[i][k]);
                }
                else worstUnjudged = Math.Max(worstUnjudged, r);
            }
            int unjudged = Math.Max(0, n - Math.Min(1, last) - judged);
            double gamma = LpBounds.Exponent(x.Dimension, x.Eps, p);
            // in heat-flow variables (OU: ||v~(tau)||_p = a^{d(p-1)/p} ||v(t)||_p, t = t(tau), a = e^tau)
            double q = x.Dimension * (double.IsPositiveInfinity(p) ? 1 : (p - 1) / p);
            double observed = (Math.Log(s.LpNorm[last][k] / s.LpNorm[0][k]) - q * Math.Log(forward.Scale(tMin) / forward.Scale(x.TMax)))
                / Math.Log(forward.HeatTime(x.TMax) / forward.HeatTime(tMin));
            string bound = ou ? $"[((e^(2T) - 1)/(e^(2t) - 1))^{gamma / Conjugate(p):G4} e^(-d(T - t))]^((p-1)/p)" : $"(T/t)^{gamma:G4}";
            // no level judged (the first step already too long): measured, not guaranteed
            if (judged == 0) worst = worstUnjudged;
            string unjudgedNote = unjudged == 0 ? ""
                : judged == 0 ? "; not guaranteed: every step too long for the discrete bound (infinite), so no O(dtau) factor applies"
                : $"; {unjudged} later level(s) not judged (discrete bound infinite there: no O(dtau) factor), max ratio there {worstUnjudged:G4}";
            checks.Add(Make($"lp_bound_p{tag}", worst <= allowance, worst, allowance, allowance - worst,
                $"max_t ||v(t)||_p / ({bound} ||v_T||_p) at t = {s.Time[at]:G4}, allowed the time grid's O(dtau) factor " +
                $"{allowance:G6}; observed exponent {observed:G4}{(ou ? " in heat-flow variables" : "")} (bound {gamma:G4}, " +
                $"sharp {LpBounds.SharpExponent(x.Dimension, p):G4} for eps = 0)" + Saturation(s, k) + unjudgedNote +
                (x.Guidance ? guidanceNote : x.LiYauGuaranteed ? "" : "; Li-Yau not guaranteed for this score"), !x.Guidance && (judged > 0 || n <= 1)));
            bool infinite = s.LpDiscreteBound.Any(r => !double.IsFinite(r[k]));
            double slack = 1 + 64 * n * Math.Pow(2, -52);
            checks.Add(Make($"lp_discrete_bound_p{tag}", worstDiscrete <= slack, worstDiscrete, slack, slack - worstDiscrete,
                "max_t ||v_n||_p / (||v_T||_p prod 1/(1 - tau c (p-1)/p)), " +
                (ou ? "c = (1+eps)/(1 - e^(-2t)) - 1" : "c = (1+eps)/(2t)") + " per sweep; round-off allowance 64 n u" +
                (infinite ? "; the bound is infinite from some step on (says nothing there)" : "") +
                (x.Guidance ? guidanceNote : ""), !x.Guidance));
        }

        string onData = x.ScoreOfData ? "" : mixedNote;
        Limit(checks, "kl_v_u_monotone", MaxIncrease(s.KlVU), Worst(x.Coarse, c => MaxIncrease(c.KlVU)),
            "largest increase of KL(v(t)||u(t)) as t decreases (exact u; true only in the limit: must be below the coarser runs')" +
            Infinite(s.KlVU, s.Time, "KL(v||u)", "u vanishes where v > 0", monotonicity: true) + onData,
            x.ScoreOfData);
        Limit(checks, "kl_u_v_monotone", MaxIncrease(s.KlUV), Worst(x.Coarse, c => MaxIncrease(c.KlUV)),
            "largest increase of KL(u(t)||v(t)) as t decreases (exact u; must be below the coarser runs')" +
            Infinite(s.KlUV, s.Time, "KL(u||v)", "v vanishes in floating point where u > 0", monotonicity: true) + onData,
            x.ScoreOfData);
        if (s.KlVUh.Count == n)
        {
            double inc = MaxIncrease(s.KlVUh);
            double tol = 1e-12 * s.KlVUh[0] + 1e-14;
            checks.Add(Make("kl_discrete_dpi", inc <= tol, inc, tol, tol - inc,
                "largest increase of KL(v_h||u_h) as t decreases; exact for Markov steps (round-off allowance 1e-12 KL(T) + 1e-14)"));
        }
        if (x.Eps > 0)
            Limit(checks, "dissipation_identity", DissipationGap(s, x.Eps), Worst(x.Coarse, c => DissipationGap(c, x.Eps)),
                "|KL(v(T)||u(T)) - KL(v(t_min)||u(t_min)) - eps int Fisher dt| (5.6); must be below the coarser runs'" +
                Infinite(s.KlVU, s.Time, "KL(v||u)", "u vanishes where v > 0") + onData,
                x.ScoreOfData);
        if (s.FisherUV.Count == n && s.ScoreMismatch.Count == n)
            checks.Add(ScoreMismatch(s, x.Eps, x.Coarse));

        double ly = s.LiYauMargin.Min();
        double lyTol = -1e-12 * x.Dimension * forward.CurvatureBound(tMin);
        checks.Add(Make("liyau", ly >= lyTol, ly, 0, ly,
            (ou ? "min over levels and cells of div s + d/(1 - e^(-2t)) (Li-Yau of the OU laws)" : "min over levels and cells of div s + d/(2t)") +
            " (analytic for exact and mixed exact scores, else face differences)" +
            (x.Guidance ? guidanceNote : x.LiYauGuaranteed ? "" : "; not guaranteed for this score"), !x.Guidance));
        double worstLy = double.PositiveInfinity, worstTol = 0;
        for (int i = 0; i < n; i++)
            if (s.LiYauDiscreteMargin[i] + s.LiYauDiscreteTolerance[i] < worstLy + worstTol)
            {
                worstLy = s.LiYauDiscreteMargin[i];
                worstTol = s.LiYauDiscreteTolerance[i];
            }
        checks.Add(Make("liyau_discrete", worstLy >= -worstTol, worstLy, -worstTol, worstLy + worstTol,
            (ou ? "min over levels, sweeps and cells of (f_{i+1/2} - f_{i-1/2})/h + 1/(1 - e^(-2t)) - 1/(1+eps), f = s + x/(1+eps) the transport faces"
                : "min over levels, sweeps and cells of (s_{i+1/2} - s_{i-1/2})/h + 1/(2t)") +
            ", walls as zero flux; rounding allowance 4u max|s|/h" + (x.Guidance ? guidanceNote : ""), !x.Guidance));

        if (s.Hessian.Count == n)
        {
            double maxRatio = s.Hessian.Max(h => h.MaxOverR2), minRatio = s.Hessian.Min(h => h.MinOverR2);
            bool ok = maxRatio <= 1 + 1e-12 && minRatio >= -1e-12;
            checks.Add(Make("hessian_bounds", ok, maxRatio, 1, 1 - maxRatio,
                $"(5.4) as 0 <= Cov_t(x) <= R^2 I at cell centres: max lambda_max/R^2 over levels; min lambda_min/R^2 = {minRatio:G3} (round-off allowance 1e-12)"));
        }

        for (int k = 0; k < x.Deltas.Count; k++)
        {
            double start = s.Concentration[0][k], end = s.Concentration[last][k];
            checks.Add(Make($"concentration_delta{x.Deltas[k].ToString("G", Inv)}", end >= start, end, start, end - start,
                $"v(t)(U_delta) at t_min vs at T (Theorem 3.4: -> 1 as t -> 0); exact u(t_min)(U_delta) = {s.ConcentrationExact[last][k]:G6}" +
                (x.ScoreOfData ? "" : "; U_delta is about supp u0" + mixedNote), x.ScoreOfData));
        }
        if (x.Mixing is { } mixing) MixingLimits(checks, mixing);

        double width = forward.KernelWidth(tMin), need = 3 * x.CellWidth;
        checks.Add(Make("resolution", width >= need, width, need, width - need,
            (ou ? "sqrt(1 - e^(-2 t_min))" : "sqrt(2 t_min)") + " against 3 cells: below it the solution's width is not resolved"));
        return checks;
    }

    /// <summary>(p-1)/p, or 1 for p = inf.</summary>
    private static double Conjugate(double p) => double.IsPositiveInfinity(p) ? 1 : (p - 1) / p;

    /// <summary>
    /// The follow-up paper's limit: as t -&gt; 0 the mixed dynamics converge to critical points of Phi_lambda, so the
    /// mass within delta of them grows towards 1. Judged like the concentration checks, against earlier times: at t_min
    /// it must be at least its value at T and at the geometric middle time sqrt(T t_min). The detail names the share near
    /// the local minima and near each point.
    /// </summary>
    private static void MixingLimits(List<CheckResult> checks, MixingTracker m)
    {
        int last = m.Time.Count - 1;
        if (last < 0) return;
        double tMid = Math.Sqrt(m.Time[0] * m.Time[last]);
        int mid = Enumerable.Range(0, last + 1).MinBy(i => Math.Abs(Math.Log(m.Time[i] / tMid)));
        var points = m.Potential.CriticalPoints;
        for (int k = 0; k < m.Deltas.Count; k++)
        {
            double start = m.Near(0, k), middle = m.Near(mid, k), end = m.Near(last, k), bound = Math.Max(start, middle);
            var row = m.Shares[last];
            string perPoint = string.Join(", ", points.Select((c, i) => $"{c}: {row[k * m.Columns + i]:G4}").Take(8)) +
                (points.Count > 8 ? $", ... ({points.Count} points)" : "");
            checks.Add(Make($"mixing_limits_delta{m.Deltas[k].ToString("G", Inv)}", end >= bound, end, bound, end - bound,
                $"mass within delta of the critical points of Phi_lambda (lambda = {m.Potential.Lambda:G4}) at t_min vs at T " +
                $"({start:G4}) and t = {m.Time[mid]:G4} ({middle:G4}) (follow-up paper: -> 1 as t -> 0); near the local minima " +
                $"{m.NearMinima(last, k):G4}; {perPoint}"));
        }
    }

    private static void Limit(List<CheckResult> checks, string name, double fine, double? coarse, string detail, bool guaranteed = true)
    {
        const double roundOff = 1e-13;
        if (fine <= roundOff) { checks.Add(Make(name, true, fine, roundOff, roundOff - fine, detail + "; at round-off", guaranteed)); return; }
        if (coarse is not double c)
        {
            checks.Add(Make(name, false, fine, roundOff, roundOff - fine, detail + "; no coarse run to judge convergence", guaranteed));
            return;
        }
        checks.Add(Make(name, fine < c, fine, c, c - fine, detail + $"; coarser runs: {c:G4}", guaranteed));
    }

    /// <summary>Where the grid stops resolving the growth: the first t with ||v||_p under 0.9 ||u(t)||_p (exact cell averages).</summary>
    private static string Saturation(DiagnosticSeries s, int k)
    {
        for (int i = 0; i < s.Count; i++)
            if (s.LpNorm[i][k] < 0.9 * s.LpNormExact[i][k])
                return $"; ||v||_p falls under 0.9 ||u(t)||_p (grid saturation) from t = {s.Time[i]:G4}";
        return "; no grid saturation (||v||_p >= 0.9 ||u(t)||_p throughout)";
    }

    private static double? Worst(IReadOnlyList<DiagnosticSeries> coarse, Func<DiagnosticSeries, double> measure) =>
        coarse.Count == 0 ? null : coarse.Max(measure);

    /// <summary>
    /// The largest rise from one level to the next (levels ordered from T down to t_min); 0 for a non-increasing series.
    /// A KL can be +inf: a finite value followed by +inf is a rise of +inf (the statement fails), +inf followed by +inf
    /// is none (+inf &gt;= +inf holds, and says nothing: the checks name the infinite levels in their detail), +inf
    /// followed by a finite value is a fall. NaN anywhere gives NaN.
    /// </summary>
    public static double MaxIncrease(IReadOnlyList<double> series)
    {
        double worst = 0;
        for (int i = 1; i < series.Count; i++)
        {
            double before = series[i - 1], after = series[i];
            if (double.IsNaN(before) || double.IsNaN(after)) return double.NaN;
            if (double.IsPositiveInfinity(after))
            {
                if (!double.IsPositiveInfinity(before)) return double.PositiveInfinity;
                continue;
            }
            worst = Math.Max(worst, after - before);
        }
        return worst;
    }

    /// <summary>"; {name} = +inf at k of n levels (from t = ..): {why}", or "" when the series is finite.</summary>
    private static string Infinite(IReadOnlyList<double> series, IReadOnlyList<double> time, string name, string why,
        bool monotonicity = false)
    {
        int count = series.Count(double.IsPositiveInfinity);
        if (count == 0) return "";
        int first = Enumerable.Range(0, series.Count).First(i => double.IsPositiveInfinity(series[i]));
        return count == series.Count
            ? $"; {name} = +inf at every level ({why})" + (monotonicity ? ": non-increase holds as +inf >= +inf and says nothing" : "")
            : $"; {name} = +inf at {count} of {series.Count} levels, first at t = {time[first]:G4} ({why})";
    }

    /// <summary>|KL(T) - KL(t_min) - eps int_{t_min}^T Fisher dt| by the trapezoidal rule over the levels.</summary>
    public static double DissipationGap(DiagnosticSeries s, double eps)
    {
        if (double.IsPositiveInfinity(s.KlVU[0]) || double.IsPositiveInfinity(s.KlVU[^1])) return double.PositiveInfinity;
        double integral = 0;
        for (int i = 1; i < s.Count; i++)
            integral += 0.5 * (s.FisherVU[i] + s.FisherVU[i - 1]) * (s.Time[i - 1] - s.Time[i]);
        return Math.Abs(s.KlVU[0] - s.KlVU[^1] - eps * integral);
    }

    /// <summary>
    /// Remark 5.4 integrated over [t_min, T] and optimised over eta: with A = int I(u|v) dt and
    /// B = int int |s - s_theta|^2 u dx dt, KL(u||v)(T) - KL(u||v)(t_min) &gt;= eps A - (1+eps) sqrt(A B), attained at
    /// eta* = (1+eps) sqrt(B / (4A)). Passes when the run obeys it; a run that does not is judged as a limit statement
    /// (its violation must be below the coarser runs'), since the discrete solution obeys it only up to discretisation error.
    /// </summary>
    private static CheckResult ScoreMismatch(DiagnosticSeries s, double eps, IReadOnlyList<DiagnosticSeries> coarse)
    {
        var (lhs, rhs, a, b) = Remark54(s, eps);
        double eta = (1 + eps) * Math.Sqrt(b / (4 * a));
        string detail = $"KL(u||v)(T) - KL(u||v)(t_min) >= eps A - (1+eps) sqrt(A B) (Remark 5.4 at eta* = {eta:G4}), " +
            $"A = int I(u|v) dt = {a:G4}, B = int int |s - s_theta|^2 u dx dt = {b:G4} (trapezoidal over the levels); " +
            "exact for the continuous problem, for the grid up to discretisation error" +
            Infinite(s.KlUV, s.Time, "KL(u||v)", "v vanishes in floating point where u > 0");
        if (double.IsNaN(lhs))
            return Make("score_mismatch", false, double.PositiveInfinity, rhs, double.NegativeInfinity,
                detail + "; the left side is inf - inf, which cannot be judged");
        if (lhs >= rhs) return Make("score_mismatch", true, lhs, rhs, lhs - rhs, detail);
        double violation = rhs - lhs;
        var measured = coarse.Where(c => c.FisherUV.Count == c.Count && c.Count > 0).ToList();
        if (measured.Count == 0)
            return Make("score_mismatch", false, lhs, rhs, lhs - rhs, detail + $"; violated by {violation:G4}, no coarse run to judge convergence");
        double worse = measured.Max(c => { var r = Remark54(c, eps); return r.Rhs - r.Lhs; });
        return Make("score_mismatch", violation < worse, lhs, rhs, lhs - rhs,
            detail + $"; violated by {violation:G4}, which must be below the coarser runs' {worse:G4}");
    }

    private static (double Lhs, double Rhs, double A, double B) Remark54(DiagnosticSeries s, double eps)
    {
        double a = 0, b = 0;
        for (int i = 1; i < s.Count; i++)
        {
            double dt = s.Time[i - 1] - s.Time[i];
            a += 0.5 * (s.FisherUV[i] + s.FisherUV[i - 1]) * dt;
            b += 0.5 * (s.ScoreMismatch[i] + s.ScoreMismatch[i - 1]) * dt;
        }
        return (s.KlUV[0] - s.KlUV[^1], eps * a - (1 + eps) * Math.Sqrt(a * b), a, b);
    }

    private static CheckResult Make(string name, bool passed, double measured, double bound, double margin, string detail,
        bool guaranteed = true) =>
        new(name, passed, measured, bound, margin, detail, guaranteed);
}
