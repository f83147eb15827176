using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Convergence;
using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.IO.Studies;
using FokkerPlanckGrid.Plotting.Panels;

namespace FokkerPlanckGrid.Cli.Validation.Studies;

/// <summary>
/// `figure2-grid`: the grid half of the paper's Figure 2. Data on a curve (the lemniscate: its arc-length measure, the
/// true score by Gauss-Legendre quadrature) against the empirical measure of n points drawn from it (its exact score,
/// the "empirical score"); the same v_T, eps and time grid; the grid density at each early-stopping time t_min with
/// its highest-density region holding `share` of the mass (<see cref="HighestDensityRegion"/>).
/// Measures how far that region reaches from the curve against sqrt(2 t_min) (the true score generalises: the mass
/// stays within O(sqrt(t_min)) of the curve, spread along it) and how much mass sits within `delta` of the n sample
/// points (the empirical score memorises: that mass tends to 1 as t_min -&gt; 0).
/// Parameters: `tMins` (default 0.1, 0.01, 0.001, in [t_min, T] of the case), `samples` (n, default 10), `seed`
/// (default 1), `share` (default 0.95), `delta` (default 0.1), `view` (the figure's window, [[x0, x1], [y0, y1]]).
/// </summary>
public sealed class Figure2GridStudy : IStudyKind
{
    public string Kind => "figure2-grid";

    public IReadOnlyList<StudyMeasure> Measures { get; } =
    [
        new("true_region_reach_ratio", "max over t_min of R(t_min) / sqrt(2 t_min), R = max distance to the curve over the true-score run's highest-density region holding `share` of the mass"),
        new("true_region_shrink_ratio", "max over consecutive t_min of R(smaller t_min) / R(larger t_min) (< 1: the region shrinks as t_min falls)"),
        new("true_region_order", "least-squares slope of log R against log t_min (1/2 for a reach proportional to sqrt(t_min))"),
        new("memorised_mass", "share of the empirical-score run's mass within delta of the n sample points, at the smallest t_min"),
        new("memorised_mass_growth", "memorised_mass minus the same share at the largest t_min"),
        new("true_mass_near_samples", "share of the true-score run's mass within delta of the same n points, at the smallest t_min (the curve measure of that set is reported beside it)"),
        new("mass_drift", "max relative change of sum v dx over both runs"),
        new("quadrature_error", "max |log u_N - log u_4N| (the case's N quadrature nodes against 4N) at the smallest t_min, over 4000 points within 2 sqrt(2 t_min) of the curve"),
    ];

    public IStudy Prepare(StudySpec spec)
    {
        var p = spec.Parameters;
        p.AllowOnly("tMins", "samples", "seed", "share", "delta", "view");
        if (spec.Cases.Count != 1) throw new CaseInputException("cases", $"{spec.Cases.Count} cases", "figure2-grid takes one case");
        var c = StudyRuns.AtSize(spec.Cases[0].Case, spec);
        if (c.Dimension != 2 || c.Data is not CurveSpec || c.Score is not ExactScoreSpec)
            throw new CaseInputException("cases[0]", spec.Cases[0].Source, "figure2-grid needs a 2D curve case with the exact score");
        var tMins = p.Numbers("tMins", $"must be times in [t_min, T) = [{c.Time.TMin}, {c.Time.T})",
            t => t >= c.Time.TMin && t < c.Time.T, [0.1, 0.01, 0.001]).Distinct().OrderDescending().ToArray();
        var m = MemorisationParameters.Read(p, c);
        var empirical = m.Empirical(c);
        StudyRuns.Build(c);
        StudyRuns.Build(empirical);
        return new Prepared(c, empirical, tMins, m.Share, m.Delta, m.View);
    }

    private sealed class Prepared(Case c, Case empirical, double[] tMins, double share, double delta, double[][] view) : IStudy
    {
        public StudyOutcome Run(StudyContext context)
        {
            var outcome = new StudyOutcome();
            var trueSetup = StudyRuns.Build(c, context.Threads);
            // both runs start from the same v_T: the case's terminal density
            var empSetup = StudyRuns.Build(empirical, context.Threads) with { Terminal = trueSetup.Terminal };
            var curve = (CurveMeasure)trueSetup.Data;
            var samples = (DiracMixture)empSetup.Data;
            var grid = trueSetup.Grid;
            context.Progress("true score (curve quadrature)");
            var trueRun = StudyRuns.Run(outcome, "true score", trueSetup, tMins, cancel: context.Cancel);
            context.Progress($"empirical score of {samples.Count} points");
            var empRun = StudyRuns.Run(outcome, $"empirical score of n = {samples.Count}", empSetup, tMins, cancel: context.Cancel);

            var near = new Concentration(grid, samples, [delta]);
            var distance = new double[grid.CellCount];
            Array.Fill(distance, double.NaN);
            double coverage = 0;
            for (int j = 0; j < curve.Nodes.Count; j++)
                if (samples.DistanceToSupport([curve.Nodes.Point(j, 0), curve.Nodes.Point(j, 1)]) < delta) coverage += curve.Nodes.Weights[j];

            var reach = new double[tMins.Length];
            var memorised = new double[tMins.Length];
            var nearTrue = new double[tMins.Length];
            var trueRegions = new HighestDensityRegion[tMins.Length];
            var empRegions = new HighestDensityRegion[tMins.Length];
            var rows = new List<IReadOnlyList<string>>();
            Span<double> share1 = stackalloc double[1];
            double h = grid.Axes.Max(a => a.H);
            for (int k = 0; k < tMins.Length; k++)
            {
                context.Progress($"regions at t_min = {StudyRuns.Num(tMins[k])}");
                var vTrue = trueRun.Fields[k];
                var vEmp = empRun.Fields[k];
                trueRegions[k] = HighestDensityRegion.Of(vTrue, share);
                empRegions[k] = HighestDensityRegion.Of(vEmp, share);
                FillDistances(grid, curve, trueRegions[k].Mask, distance);
                reach[k] = trueRegions[k].MaxOver(distance);
                near.Measure(vEmp, share1);
                memorised[k] = share1[0];
                near.Measure(vTrue, share1);
                nearTrue[k] = share1[0];
                double width = Math.Sqrt(2 * tMins[k]);
                rows.Add([StudyRuns.Num(tMins[k]), StudyRuns.Num(width / h), StudyRuns.Num(reach[k]), StudyRuns.Num(reach[k] / width),
                    StudyRuns.Num(trueRegions[k].Cells * grid.CellVolume), StudyRuns.Num(nearTrue[k]),
                    StudyRuns.Num(empRegions[k].Cells * grid.CellVolume), StudyRuns.Num(memorised[k])]);
            }
            int last = tMins.Length - 1;
            outcome.Measure("true_region_reach_ratio", reach.Select((r, k) => r / Math.Sqrt(2 * tMins[k])).Max());
            outcome.Measure("true_region_shrink_ratio", tMins.Length < 2 ? double.NaN : Enumerable.Range(1, last).Max(k => reach[k] / reach[k - 1]));
            outcome.Measure("true_region_order", tMins.Length < 2 ? double.NaN : ObservedOrder.Fitted(tMins, reach));
            outcome.Measure("memorised_mass", memorised[last]);
            outcome.Measure("memorised_mass_growth", memorised[last] - memorised[0]);
            outcome.Measure("true_mass_near_samples", nearTrue[last]);
            outcome.Measure("mass_drift", Math.Max(trueRun.Levels.RelativeMassDrift(), empRun.Levels.RelativeMassDrift()));
            double quadrature = QuadratureError(curve, tMins[last]);
            outcome.Measure("quadrature_error", quadrature);
            outcome.Tables.Add(new ReportTable(
                $"Per early-stopping time: R = reach of the true-score region holding {StudyRuns.Num(share)} of the mass from the curve; " +
                $"mass within delta = {StudyRuns.Num(delta)} of the n = {samples.Count} sample points (their delta-neighbourhood holds " +
                $"{StudyRuns.Num(coverage)} of the curve's own measure)",
                ["t_min", "sqrt(2 t_min) / h", "R (true)", "R / sqrt(2 t_min)", "region area (true)", "mass near samples (true)",
                    "region area (empirical)", "mass near samples (empirical)"], rows));
            outcome.Notes.Add($"Quadrature: {curve.Nodes.Count} nodes, node spacing {StudyRuns.Num(curve.NodeSpacing)} (CurveMeasure's conservative " +
                $"resolution time 2 spacing^2 = {StudyRuns.Num(curve.MinResolvedTime)}); measured against {4 * curve.Nodes.Count} nodes at " +
                $"t = {StudyRuns.Num(tMins[last])}: max |log u error| {StudyRuns.Num(quadrature)} near the curve.");
            outcome.Notes.Add($"Sample points (seed in the study file): " +
                string.Join(", ", Enumerable.Range(0, samples.Count).Select(k => $"({StudyRuns.Num(samples.Point(k, 0))}, {StudyRuns.Num(samples.Point(k, 1))})")));

            outcome.Figures.Add((context.Figure("densities", Panels(grid, curve, samples, trueRun.Fields, empRun.Fields, trueRegions, empRegions),
                    columns: tMins.Length, width: Math.Max(1200, 620 * tMins.Length), height: 900),
                $"Grid density v(t_min) with the true score (top) and the empirical score of {samples.Count} points (bottom, points in red); " +
                $"orange line: boundary of the region holding {StudyRuns.Num(share)} of the mass; black: the curve."));
            return outcome;
        }

        private List<Panel> Panels(Grid grid, CurveMeasure curve, DiracMixture samples, IReadOnlyList<double[]> trueFields,
            IReadOnlyList<double[]> empFields, HighestDensityRegion[] trueRegions, HighestDensityRegion[] empRegions)
        {
            var window = GridWindow.Of(grid, view[0][0], view[0][1], view[1][0], view[1][1]);
            var theta = Enumerable.Range(0, 801).Select(k => 2 * Math.PI * k / 800).ToArray();
            var shape = new Curve(theta.Select(th => curve.Gamma(th).X).ToArray(), theta.Select(th => curve.Gamma(th).Y).ToArray(),
                "the curve", Paint.Black, Stroke.Solid, 1);
            var points = new PointSet(Enumerable.Range(0, samples.Count).Select(k => samples.Point(k, 0)).ToArray(),
                Enumerable.Range(0, samples.Count).Select(k => samples.Point(k, 1)).ToArray(), "sample points", Paint.Red, PointShape.FilledCircle, 7);
            var panels = new List<Panel>();
            foreach (var (fields, regions, label) in new[] { (trueFields, trueRegions, "true score"), (empFields, empRegions, $"empirical score, n = {samples.Count}") })
                for (int k = 0; k < tMins.Length; k++)
                {
                    var field = window.Cut(fields[k]);
                    panels.Add(new Panel($"{label}: v(t_min = {StudyRuns.Num(tMins[k])})", "x", "y")
                    {
                        Image = window.Image(field, "v"),
                        LevelLines = [window.Level(field, regions[k].Level,
                            k == 0 ? $"region holding {StudyRuns.Num(share)} of the mass" : null, Paint.Categorical(1), Stroke.Solid, 2.5f)],
                        Curves = [shape with { Legend = k == 0 ? shape.Legend : null }],
                        Points = label == "true score" ? [] : [points with { Legend = k == 0 ? points.Legend : null }],
                        EqualUnits = true,
                        Legend = k == 0 ? LegendCorner.UpperRight : LegendCorner.None,
                    });
                }
            return panels;
        }

        /// <summary>
        /// max |log u_N(x, t) - log u_4N(x, t)| over 4000 points drawn from the curve (seed 1) and moved by up to
        /// 2 sqrt(2t) in each coordinate: the quadrature's own error where the mass is.
        /// </summary>
        private static double QuadratureError(CurveMeasure curve, double t)
        {
            var fine = new CurveMeasure(curve.Shape, curve.Scale, 4 * curve.Nodes.Count, [curve.CenterX, curve.CenterY]);
            var random = new Random(1);
            var points = DataDistributions.Draw(fine, 4000, random);
            double reach = 2 * Math.Sqrt(2 * t);
            foreach (var x in points)
            {
                x[0] += reach * (2 * random.NextDouble() - 1);
                x[1] += reach * (2 * random.NextDouble() - 1);
            }
            var errors = new double[points.Length];
            Parallel.For(0, points.Length, i => errors[i] = Math.Abs(curve.LogDensity(points[i], t) - fine.LogDensity(points[i], t)));
            return errors.Max();
        }

        /// <summary>Distance to the curve at the centres of the masked cells not yet measured (exact, so only where needed).</summary>
        private static void FillDistances(Grid grid, CurveMeasure curve, bool[] mask, double[] distance) =>
            Parallel.For(0, grid.CellCount, cell =>
            {
                if (!mask[cell] || !double.IsNaN(distance[cell])) return;
                Span<double> x = stackalloc double[2];
                grid.CenterOf(cell, x);
                distance[cell] = curve.DistanceToSupport(x);
            });
    }
}
