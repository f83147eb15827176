using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.IO.Studies;
using FokkerPlanckGrid.Plotting.Panels;
using FokkerPlanckGrid.Verification;

namespace FokkerPlanckGrid.Cli.Validation.Studies;

/// <summary>
/// `kl-monotonicity`: Lemma 5.3 and the dissipation identity (5.6). For each case (v_T other than u(T), eps &gt; 0),
/// KL(v(t)||u(t)) and KL(u(t)||v(t)) against the exact u (exact cell averages) at every level, and KL(v_h||u_h)
/// against the discrete u_h advanced from u(T) by the same Markov steps, which is exactly non-increasing (the data-
/// processing inequality of the step, validation/README.md). Monotonicity against the exact u and the identity
/// KL(T) - KL(t) = eps int_t^T I(v|u) ds hold only in the limit: each case runs again with cells and steps halved and
/// quartered, and the violation must shrink (as <c>fpgrid verify</c> judges it). No parameters.
/// </summary>
public sealed class KlMonotonicityStudy : IStudyKind
{
    public string Kind => "kl-monotonicity";

    public IReadOnlyList<StudyMeasure> Measures { get; } =
    [
        new("kl_discrete_increase", "max over cases of the largest rise of KL(v_h||u_h) as t decreases, relative to its value at T (exact: 0 up to rounding)"),
        new("kl_v_u_increase", "max over cases of the largest rise of KL(v||u) as t decreases, relative to KL(v_T||u(T))"),
        new("kl_v_u_refinement", "max over cases of that rise divided by the larger rise of the runs with cells and steps halved and quartered (0 when there is none)"),
        new("kl_u_v_increase", "the same for KL(u||v), relative to KL(u(T)||v_T)"),
        new("kl_u_v_refinement", "the same refinement ratio for KL(u||v)"),
        new("dissipation_gap", "max over cases of |KL(T) - KL(t_min) - eps int I(v|u) dt| / (KL(T) - KL(t_min)), the integral trapezoidal over the levels"),
        new("dissipation_refinement", "max over cases of the dissipation gap divided by the larger gap of the halved and quartered runs"),
        new("kl_decay", "max over cases of KL(v(t_min)||u(t_min)) / KL(v_T||u(T))"),
    ];

    public IStudy Prepare(StudySpec spec)
    {
        spec.Parameters.AllowOnly();
        var cases = new List<Case>();
        for (int i = 0; i < spec.Cases.Count; i++)
        {
            var c = StudyRuns.AtSize(spec.Cases[i].Case, spec);
            if (c.Terminal is HeatTerminalSpec || !(c.Eps > 0) || c.Score is not ExactScoreSpec)
                throw new CaseInputException($"cases[{i}]", spec.Cases[i].Source, "kl-monotonicity needs v_T other than u(T) (terminal gaussian or file), eps > 0 and the exact score");
            if (c.Grid.Cells.Any(n => n < 32))
                throw new CaseInputException($"cases[{i}]", spec.Cases[i].Source, "needs at least 32 cells per axis (it also runs with a quarter of them)");
            StudyRuns.Build(c);
            cases.Add(c);
        }
        return new Prepared(cases);
    }

    private sealed class Prepared(IReadOnlyList<Case> cases) : IStudy
    {
        public StudyOutcome Run(StudyContext context)
        {
            var outcome = new StudyOutcome();
            double discrete = 0, vu = 0, vuRef = 0, uv = 0, uvRef = 0, gap = 0, gapRef = 0, decay = 0;
            var rows = new List<IReadOnlyList<string>>();
            var panels = new List<Panel>();
            foreach (var c in cases)
            {
                context.Progress(c.Name);
                var fine = Track(outcome, c, context, "");
                var coarse = new[] { 2, 4 }.Select(f => Track(outcome, StudyRuns.Divided(c, f), context, $" (cells and steps / {f})")).ToArray();
                double klT = fine.KlVU[0], klEnd = fine.KlVU[^1];
                double dDiscrete = TheoremChecks.MaxIncrease(fine.KlVUh) / fine.KlVUh[0];
                double dVu = TheoremChecks.MaxIncrease(fine.KlVU), dUv = TheoremChecks.MaxIncrease(fine.KlUV);
                double cVu = coarse.Max(s => TheoremChecks.MaxIncrease(s.KlVU)), cUv = coarse.Max(s => TheoremChecks.MaxIncrease(s.KlUV));
                double dGap = TheoremChecks.DissipationGap(fine, c.Eps), cGap = coarse.Max(s => TheoremChecks.DissipationGap(s, c.Eps));
                discrete = Math.Max(discrete, dDiscrete);
                vu = Math.Max(vu, dVu / klT);
                vuRef = Math.Max(vuRef, Ratio(dVu, cVu));
                uv = Math.Max(uv, dUv / fine.KlUV[0]);
                uvRef = Math.Max(uvRef, Ratio(dUv, cUv));
                gap = Math.Max(gap, dGap / (klT - klEnd));
                gapRef = Math.Max(gapRef, Ratio(dGap, cGap));
                decay = Math.Max(decay, klEnd / klT);
                rows.Add([c.Name, StudyRuns.Num(c.Eps), StudyRuns.Num(klT), StudyRuns.Num(klEnd), StudyRuns.Num(fine.KlUV[0]), StudyRuns.Num(fine.KlUV[^1]),
                    StudyRuns.Num(dDiscrete), $"{StudyRuns.Num(dVu)} ({StudyRuns.Num(cVu)})", $"{StudyRuns.Num(dUv)} ({StudyRuns.Num(cUv)})",
                    $"{StudyRuns.Num(dGap)} ({StudyRuns.Num(cGap)})"]);
                panels.AddRange(Panels(c, fine));
            }
            outcome.Measure("kl_discrete_increase", discrete);
            outcome.Measure("kl_v_u_increase", vu);
            outcome.Measure("kl_v_u_refinement", vuRef);
            outcome.Measure("kl_u_v_increase", uv);
            outcome.Measure("kl_u_v_refinement", uvRef);
            outcome.Measure("dissipation_gap", gap);
            outcome.Measure("dissipation_refinement", gapRef);
            outcome.Measure("kl_decay", decay);
            outcome.Tables.Add(new ReportTable("Relative entropies at T and t_min; largest rise as t decreases (in brackets: the larger of the halved and quartered runs)",
                ["case", "eps", "KL(v||u) at T", "at t_min", "KL(u||v) at T", "at t_min", "rise of KL(v_h||u_h) / KL(T)", "rise of KL(v||u)",
                    "rise of KL(u||v)", "dissipation gap"], rows));
            outcome.Figures.Add((context.Figure("entropies", panels, columns: 2, height: 520 * cases.Count + 100),
                "Left: KL(v||u), KL(u||v) against the exact u and KL(v_h||u_h) against the discrete u_h, against t. " +
                "Right: the dissipation identity, KL(T) - KL(t) against eps times the integral of the relative Fisher information from t to T."));
            return outcome;
        }

        private static double Ratio(double fine, double coarse) => fine <= 1e-13 ? 0 : fine / coarse;

        private static DiagnosticSeries Track(StudyOutcome outcome, Case c, StudyContext context, string suffix)
        {
            var setup = StudyRuns.Build(c, context.Threads);
            var uh = CellAverages.Of(setup.Data, setup.Grid, c.Time.T);
            var tracker = new TheoremTracker(setup.Grid, setup.Data, setup.Score, exactScore: true, c.Eps, c.Time.T, [], [], uh);
            StudyRuns.Run(outcome, c.Name + suffix, setup, [], [tracker], [uh], context.Cancel);
            return tracker.Series;
        }

        private static IEnumerable<Panel> Panels(Case c, DiagnosticSeries s)
        {
            var t = s.Time;
            yield return new Panel($"{c.Name}: relative entropies (Lemma 5.3)", "t", "KL")
            {
                LogX = true, LogY = true, ReverseX = true, Legend = LegendCorner.LowerLeft,
                Curves =
                [
                    new Curve(t, s.KlVU, "KL(v(t) ‖ u(t))", Paint.Categorical(0), Stroke.Solid, 2.5f),
                    new Curve(t, s.KlUV, "KL(u(t) ‖ v(t))", Paint.Categorical(1), Stroke.Solid, 2.5f),
                    new Curve(t, s.KlVUh, "KL(v_h(t) ‖ u_h(t)), discrete u_h", Paint.Categorical(2), Stroke.Dashed, 2),
                ],
            };
            var dissipated = new double[s.Count];
            for (int i = 1; i < s.Count; i++)
                dissipated[i] = dissipated[i - 1] + c.Eps * 0.5 * (s.FisherVU[i] + s.FisherVU[i - 1]) * (t[i - 1] - t[i]);
            yield return new Panel($"{c.Name}: dissipation identity (5.6)", "t", "entropy dissipated since T")
            {
                LogX = true, ReverseX = true, Legend = LegendCorner.UpperLeft,
                Curves =
                [
                    new Curve(t, s.KlVU.Select(k => s.KlVU[0] - k).ToArray(), "KL(v_T ‖ u(T)) − KL(v(t) ‖ u(t))", Paint.Categorical(0), Stroke.Solid, 2.5f),
                    new Curve(t, dissipated, "eps ∫ I(v | u) ds from t to T", Paint.Categorical(3), Stroke.Dashed, 2),
                ],
            };
        }
    }
}
