using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.IO.Studies;
using FokkerPlanckGrid.Plotting.Panels;

namespace FokkerPlanckGrid.Cli.Validation.Studies;

/// <summary>
/// `figure1`: the paper's Figure 1, score and log-density of a 1D Dirac mixture at several t, and the grid solution of
/// the backward equation from v_T = u(T) (exact answer v(t) = u(t)) at the same t. Measures the small-t statements of
/// <see cref="SmallTimeLimits"/> (affine score between Voronoi boundaries; Varadhan's 4t log u -&gt; -d(x,S)^2 with
/// its exact bounds) at the grid's cell centres, and the grid's error and mass.
/// Parameters: `times` (the t shown, in [t_min, T]; default 2, 0.5, 0.1, 0.02), `affineBelow` (the affine score is
/// measured at the shown t &lt;= this; default 0.1), `boundaryMargin` (distance kept from the Voronoi boundaries;
/// default 0.5).
/// </summary>
public sealed class Figure1Study : IStudyKind
{
    public string Kind => "figure1";

    public IReadOnlyList<StudyMeasure> Measures { get; } =
    [
        new("score_affine_deviation", "max |2t s(x,t) - (y_i - x)| (y_i the nearest atom) over shown t <= affineBelow and cells at least boundaryMargin from every Voronoi boundary (length)"),
        new("score_affine_excess", "max over shown t and all cells of |2t s - (y_i - x)| minus its exact bound sum_j (w_j/w_i) exp(-(|x-y_j|^2-|x-y_i|^2)/4t) |y_j - y_i| (<= 0 up to rounding)"),
        new("varadhan_excess", "max over shown t and cells of the distance of 4t log u(x,t) + d(x,S)^2 outside its exact interval [4t log w_min - 2t log(4 pi t), -2t log(4 pi t)] (<= 0 up to rounding)"),
        new("varadhan_gap_smallest_t", "max over cells of |4t log u(x,t) + d(x,S)^2| at the smallest shown t (4t log u -> -d^2)"),
        new("grid_rel_l1_max", "max over shown t < T of sum |v - u(t)| / sum u(t), v the grid solution from v_T = u(T), u(t) exact cell averages"),
        new("grid_mass_drift", "max relative change of sum v dx over the run"),
    ];

    public IStudy Prepare(StudySpec spec)
    {
        var p = spec.Parameters;
        p.AllowOnly("times", "affineBelow", "boundaryMargin");
        if (spec.Cases.Count != 1) throw new CaseInputException("cases", $"{spec.Cases.Count} cases", "figure1 takes one case");
        var c = StudyRuns.AtSize(spec.Cases[0].Case, spec);
        if (c.Dimension != 1 || c.Data is not DiracMixtureSpec || c.Terminal is not HeatTerminalSpec || c.Score is not ExactScoreSpec)
            throw new CaseInputException("cases[0]", spec.Cases[0].Source, "figure1 needs a 1D dirac-mixture case with the exact score and terminal heat");
        var times = p.Numbers("times", $"must be times in [t_min, T] = [{c.Time.TMin}, {c.Time.T}]",
            t => t >= c.Time.TMin && t <= c.Time.T, [2, 0.5, 0.1, 0.02]).OrderDescending().ToArray();
        double below = p.Number("affineBelow", "must be a number > 0", x => x > 0, 0.1);
        if (!times.Any(t => t <= below))
            throw new CaseInputException(StudyParameters.Key("affineBelow"), below.ToString(), "no shown time is at or below it");
        double margin = p.Number("boundaryMargin", "must be a number >= 0", x => x >= 0, 0.5);
        StudyRuns.Build(c);
        return new Prepared(c, times, below, margin);
    }

    private sealed class Prepared(Case c, double[] times, double affineBelow, double margin) : IStudy
    {
        public StudyOutcome Run(StudyContext context)
        {
            var outcome = new StudyOutcome();
            var setup = StudyRuns.Build(c, context.Threads);
            var data = (DiracMixture)setup.Data;
            context.Progress("grid run from v_T = u(T)");
            var run = StudyRuns.Run(outcome, "grid run", setup, times, cancel: context.Cancel);
            var x = setup.Grid.X.Centers();
            var atoms = Enumerable.Range(0, data.Count).Select(k => data.Point(k, 0)).Order().ToArray();
            var boundaries = atoms.Zip(atoms.Skip(1), (a, b) => (a + b) / 2).ToArray();

            double affine = 0, affineExcess = double.NegativeInfinity, varadhanExcess = double.NegativeInfinity, gapSmallest = 0, relL1 = 0;
            var rows = new List<IReadOnlyList<string>>();
            var score = new List<double[]>();
            var displacement = new List<double[]>();
            var logU = new List<double[]>();
            var logV = new List<double[]>();
            var scaled = new List<double[]>();
            Span<double> s = stackalloc double[1];
            for (int k = 0; k < times.Length; k++)
            {
                double t = times[k];
                var (lower, upper) = SmallTimeLimits.VaradhanBounds(data, t);
                var sk = new double[x.Length];
                var dk = new double[x.Length];
                var lu = new double[x.Length];
                var sc = new double[x.Length];
                double affineHere = 0, gapHere = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    ReadOnlySpan<double> xi = [x[i]];
                    data.Score(xi, t, s);
                    sk[i] = s[0];
                    dk[i] = 2 * t * s[0];
                    lu[i] = data.LogDensity(xi, t);
                    double gap = SmallTimeLimits.VaradhanGap(data, xi, t);
                    sc[i] = 4 * t * lu[i];
                    gapHere = Math.Max(gapHere, Math.Abs(gap));
                    varadhanExcess = Math.Max(varadhanExcess, Math.Max(gap - upper, lower - gap));
                    double deviation = SmallTimeLimits.MeanShiftDeviation(data, xi, t);
                    affineExcess = Math.Max(affineExcess, deviation - SmallTimeLimits.MeanShiftDeviationBound(data, xi, t));
                    if (t <= affineBelow && boundaries.All(b => Math.Abs(x[i] - b) >= margin)) affineHere = Math.Max(affineHere, deviation);
                }
                if (t <= affineBelow) affine = Math.Max(affine, affineHere);
                if (k == times.Length - 1) gapSmallest = gapHere;
                var u = CellAverages.Of(data, setup.Grid, t);
                var v = run.Fields[k];
                double err = t < c.Time.T ? Norms.L1Distance(v, u, 1) / Norms.SumAbs(u) : 0;
                relL1 = Math.Max(relL1, err);
                score.Add(sk);
                displacement.Add(dk);
                logU.Add(lu);
                logV.Add(v.Select(a => a > 0 ? Math.Log(a) : double.NaN).ToArray());
                scaled.Add(sc);
                rows.Add([StudyRuns.Num(t), t <= affineBelow ? StudyRuns.Num(affineHere) : "(not measured)", StudyRuns.Num(gapHere),
                    $"[{StudyRuns.Num(lower)}, {StudyRuns.Num(upper)}]", t < c.Time.T ? StudyRuns.Num(err) : "0 (v_T = u(T))"]);
            }
            outcome.Measure("score_affine_deviation", affine);
            outcome.Measure("score_affine_excess", affineExcess);
            outcome.Measure("varadhan_excess", varadhanExcess);
            outcome.Measure("varadhan_gap_smallest_t", gapSmallest);
            outcome.Measure("grid_rel_l1_max", relL1);
            outcome.Measure("grid_mass_drift", run.Levels.RelativeMassDrift());
            outcome.Tables.Add(new ReportTable("Per shown time: the affine score away from the Voronoi boundaries, Varadhan's gap and its exact interval, the grid's error",
                ["t", "max |2t s - (y_i - x)|", "max |4t log u + d^2|", "exact interval of 4t log u + d^2", "grid rel. L1 error"], rows));

            var dist = x.Select(xi => data.DistanceToSupport([xi])).ToArray();
            double tMin = times[^1];
            var affineLimit = x.Select(xi => atoms.MinBy(a => Math.Abs(a - xi)) - xi).ToArray();
            Curve Family(List<double[]> ys, int k, Stroke stroke = Stroke.Solid, bool legend = true) =>
                new(x, ys[k], legend && stroke == Stroke.Solid ? $"t = {StudyRuns.Num(times[k])}" : null, Paint.Ordered(k, times.Length), stroke);
            var range = (c.Grid.Box[0][0], c.Grid.Box[0][1]);
            var panels = new List<Panel>
            {
                new("score s(x, t) = ∂ₓ log u(x, t)", "x", "s(x, t)")
                {
                    Curves = [.. times.Select((_, k) => Family(score, k))],
                    XRange = range, YRange = (-60, 60), ReferenceY = [0],
                },
                new("mean shift 2t s(x, t) = m(x, t) − x → y_i(x) − x", "x", "2t s(x, t)")
                {
                    Curves = [.. times.Select((_, k) => Family(displacement, k)),
                        new Curve(x, affineLimit, "y_i(x) − x, nearest atom", Paint.Black, Stroke.Dotted, 2)],
                    XRange = range,
                },
                new("log-density: exact log u solid, grid log v dashed", "x", "log u(x, t)")
                {
                    Curves = [.. times.Select((_, k) => Family(logU, k)), .. times.Select((_, k) => Family(logV, k, Stroke.Dashed)),
                        new Curve([], [], "grid v, from v_T = u(T)", Paint.Black, Stroke.Dashed, 1.5f)],
                    XRange = range, YRange = (-30, 4), Legend = LegendCorner.LowerRight,
                },
                new("Varadhan: 4t log u(x, t) → −d(x, S)² as t → 0", "x", "4t log u(x, t)")
                {
                    Curves = [.. times.Select((_, k) => Family(scaled, k)),
                        new Curve(x, dist.Select(d => -d * d).ToArray(), "−d(x, S)²", Paint.Black, Stroke.Dotted, 2)],
                    XRange = range, Legend = LegendCorner.LowerRight,
                },
            };
            outcome.Figures.Add((context.Figure("profiles", panels, columns: 2),
                $"Score, mean shift, log-density (exact and grid) and Varadhan's limit at t = {string.Join(", ", times.Select(StudyRuns.Num))}; " +
                $"the smallest t is {StudyRuns.Num(tMin)}."));
            return outcome;
        }
    }
}
