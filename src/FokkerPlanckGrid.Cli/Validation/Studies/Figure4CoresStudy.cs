using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Convergence;
using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.IO.Studies;
using FokkerPlanckGrid.Plotting.Panels;

namespace FokkerPlanckGrid.Cli.Validation.Studies;

/// <summary>
/// `figure4-cores`: the paper's Figure 4, the gamma-Voronoi cores C_k(t) = { p_k(x,t) &gt; gamma } of a 2D Dirac
/// mixture at several t (<see cref="VoronoiCores"/>), growing to the Voronoi cells. Measures, on a fine sampling of the
/// case's box, the exact sandwich between margin cores, the share of the box in no core and its observed order in t
/// (1 by the sandwich), and, from the grid run of the case (v_T = u(T)), the mass of v(t) in each core against the
/// weights w_k it tends to.
/// Parameters: `gamma` (in [1/2, 1); default 0.9), `times` (in [t_min, T]; default 1, 0.3, 0.1, 0.03),
/// `orderBelow` (the order is fitted over the times at or below it; default 0.3), `sampling` (points per axis; default 800).
/// </summary>
public sealed class Figure4CoresStudy : IStudyKind
{
    public string Kind => "figure4-cores";

    public IReadOnlyList<StudyMeasure> Measures { get; } =
    [
        new("sandwich_violations", "sample points, over all shown t, breaking M_k(inner) ⊂ C_k(t) ⊂ M_k(outer) (0 by the argument of VoronoiCores)"),
        new("uncovered_smallest_t", "share of the box in no core at the smallest shown t"),
        new("uncovered_shrink_ratio", "max over consecutive shown t of uncovered(smaller t) / uncovered(larger t)"),
        new("uncovered_order", "least-squares slope of log(uncovered share) against log t over the shown t <= orderBelow"),
        new("grid_core_mass", "share of the grid solution's mass inside the union of the cores at the smallest shown t"),
        new("grid_core_weight_error", "max over k of |v(t)(C_k) / v(t)(box) - w_k| at the smallest shown t"),
    ];

    public IStudy Prepare(StudySpec spec)
    {
        var p = spec.Parameters;
        p.AllowOnly("gamma", "times", "orderBelow", "sampling");
        if (spec.Cases.Count != 1) throw new CaseInputException("cases", $"{spec.Cases.Count} cases", "figure4-cores takes one case");
        var c = StudyRuns.AtSize(spec.Cases[0].Case, spec);
        if (c.Dimension != 2 || c.Data is not DiracMixtureSpec || c.Terminal is not HeatTerminalSpec || c.Score is not ExactScoreSpec)
            throw new CaseInputException("cases[0]", spec.Cases[0].Source, "figure4-cores needs a 2D dirac-mixture case with the exact score and terminal heat");
        double gamma = p.Number("gamma", "must be a number in [0.5, 1)", g => g >= 0.5 && g < 1, 0.9);
        var times = p.Numbers("times", $"must be times in [t_min, T] = [{c.Time.TMin}, {c.Time.T}]",
            t => t >= c.Time.TMin && t <= c.Time.T, [1, 0.3, 0.1, 0.03]).Distinct().OrderDescending().ToArray();
        double below = p.Number("orderBelow", "must be a number > 0", x => x > 0, 0.3);
        if (times.Count(t => t <= below) < 2)
            throw new CaseInputException(StudyParameters.Key("orderBelow"), below.ToString(), "needs at least two shown times at or below it");
        int sampling = p.Integer("sampling", "must be an integer >= 16", n => n >= 16, 800);
        StudyRuns.Build(c);
        return new Prepared(c, gamma, times, below, sampling);
    }

    private sealed class Prepared(Case c, double gamma, double[] times, double orderBelow, int sampling) : IStudy
    {
        public StudyOutcome Run(StudyContext context)
        {
            var outcome = new StudyOutcome();
            var setup = StudyRuns.Build(c, context.Threads);
            var data = (DiracMixture)setup.Data;
            var box = c.Grid.Box;
            var fine = Grid.OnRectangle(box[0][0], box[0][1], sampling, box[1][0], box[1][1], sampling);
            int count = data.Count;
            context.Progress("grid run from v_T = u(T)");
            var run = StudyRuns.Run(outcome, "grid run", setup, times, cancel: context.Cancel);

            var cells = Enumerable.Range(0, count).Select(k => VoronoiCores.VoronoiCell(data, k, box[0][0], box[0][1], box[1][0], box[1][1])).ToArray();
            double boxArea = (box[0][1] - box[0][0]) * (box[1][1] - box[1][0]);
            var uncovered = new double[times.Length];
            var inner = new double[times.Length];
            var outer = new double[times.Length];
            var gridMass = new double[times.Length][];
            int violations = 0;
            var rows = new List<IReadOnlyList<string>>();
            for (int n = 0; n < times.Length; n++)
            {
                context.Progress($"cores at t = {StudyRuns.Num(times[n])}");
                var census = VoronoiCores.CensusOf(data, fine, times[n], gamma);
                uncovered[n] = census.Uncovered;
                inner[n] = census.OutsideInner;
                outer[n] = census.OutsideOuter;
                violations += census.Violations;
                var index = VoronoiCores.CoreIndices(data, setup.Grid, times[n], gamma);
                var v = run.Fields[n];
                double total = Norms.Sum(v);
                gridMass[n] = new double[count];
                for (int cell = 0; cell < v.Length; cell++)
                    if (index[cell] >= 0) gridMass[n][index[cell]] += v[cell] / total;
                rows.Add([StudyRuns.Num(times[n]), StudyRuns.Num(census.Uncovered), $"[{StudyRuns.Num(census.OutsideOuter)}, {StudyRuns.Num(census.OutsideInner)}]",
                    string.Join(", ", census.CoreShares.Select((a, k) => StudyRuns.Num(a * boxArea / VoronoiCores.PolygonArea(cells[k])))),
                    StudyRuns.Num(gridMass[n].Sum()), string.Join(", ", gridMass[n].Select(StudyRuns.Num)), census.Violations.ToString()]);
            }
            int last = times.Length - 1;
            var fit = Enumerable.Range(0, times.Length).Where(n => times[n] <= orderBelow).ToArray();
            outcome.Measure("sandwich_violations", violations);
            outcome.Measure("uncovered_smallest_t", uncovered[last]);
            outcome.Measure("uncovered_shrink_ratio", times.Length < 2 ? double.NaN : Enumerable.Range(1, last).Max(n => uncovered[n] / uncovered[n - 1]));
            outcome.Measure("uncovered_order", ObservedOrder.Fitted(fit.Select(n => times[n]).ToArray(), fit.Select(n => uncovered[n]).ToArray()));
            outcome.Measure("grid_core_mass", gridMass[last].Sum());
            outcome.Measure("grid_core_weight_error", Enumerable.Range(0, count).Max(k => Math.Abs(gridMass[last][k] - data.Weights[k])));
            outcome.Tables.Add(new ReportTable(
                $"Cores at gamma = {StudyRuns.Num(gamma)} on {sampling}² sample points of the box; weights w = {string.Join(", ", data.Weights.Select(StudyRuns.Num))}",
                ["t", "share in no core", "exact sandwich [outer, inner]", "core area / Voronoi cell area, per point", "grid mass in the cores",
                    "grid mass per core (→ w_k)", "sandwich violations"], rows));

            outcome.Figures.Add((context.Figure("cores", Panels(setup.Grid, data, cells, uncovered, inner, outer, gridMass), columns: 3, width: 1900, height: 1150),
                $"gamma-Voronoi cores (gamma = {StudyRuns.Num(gamma)}) at t = {string.Join(", ", times.Select(StudyRuns.Num))} with the Voronoi cells (black); " +
                "the share of the box in no core against t with its exact sandwich; the grid mass in each core against its weight."));
            return outcome;
        }

        private List<Panel> Panels(Grid grid, DiracMixture data, IReadOnlyList<(double X, double Y)>[] cells, double[] uncovered,
            double[] inner, double[] outer, double[][] gridMass)
        {
            var box = c.Grid.Box;
            const int shown = 320;
            var display = Grid.OnRectangle(box[0][0], box[0][1], shown, box[1][0], box[1][1], shown);
            var atoms = new PointSet(Enumerable.Range(0, data.Count).Select(k => data.Point(k, 0)).ToArray(),
                Enumerable.Range(0, data.Count).Select(k => data.Point(k, 1)).ToArray(), "data points y_k", Paint.Black, PointShape.FilledCircle, 9);
            var panels = new List<Panel>();
            for (int n = 0; n < Math.Min(times.Length, 4); n++)
            {
                int pick = times.Length <= 4 ? n : (int)Math.Round(n * (times.Length - 1) / 3.0);
                var index = VoronoiCores.CoreIndices(data, display, times[pick], gamma).Select(k => (double)k).ToArray();
                panels.Add(new Panel($"t = {StudyRuns.Num(times[pick])}: {StudyRuns.Num(100 * uncovered[pick])}% of the box in no core", "x", "y")
                {
                    Image = new FieldImage(index, shown, shown, box[0][0], box[0][1], box[1][0], box[1][1], "core", Categories: data.Count),
                    Outlines = [.. cells.Select((cell, k) => new Outline(cell, k == 0 && n == 0 ? "Voronoi cells" : null, Paint.Black, Stroke.Solid, 1.5f))],
                    Points = [atoms with { Legend = n == 0 ? atoms.Legend : null }],
                    EqualUnits = true,
                    Legend = n == 0 ? LegendCorner.UpperRight : LegendCorner.None,
                });
            }
            var slope = times.Select(t => uncovered[^1] * t / times[^1]).ToArray();
            panels.Add(new Panel("share of the box in no core against t", "t", "share in no core")
            {
                LogX = true, LogY = true, ReverseX = true,
                Curves =
                [
                    new Curve(times, uncovered, "in no core C_k(t)", Paint.Categorical(0), Stroke.Solid, 2.5f),
                    new Curve(times, inner, "in no inner margin core (upper bound)", Paint.Categorical(1), Stroke.Dashed),
                    new Curve(times, outer, "in no outer margin core (lower bound)", Paint.Categorical(2), Stroke.Dashed),
                    new Curve(times, slope, "slope 1 (∝ t)", Paint.Gray, Stroke.Dotted),
                ],
                Legend = LegendCorner.UpperRight,
            });
            panels.Add(new Panel("grid mass in each core → weight w_k (dotted)", "t", "v(t)(C_k)")
            {
                LogX = true, ReverseX = true,
                Curves =
                [
                    .. Enumerable.Range(0, data.Count).Select(k => new Curve(times, gridMass.Select(m => m[k]).ToArray(), $"k = {k + 1}", Paint.Categorical(k), Stroke.Solid, 2.5f)),
                    .. Enumerable.Range(0, data.Count).Select(k => new Curve(times, times.Select(_ => data.Weights[k]).ToArray(), null, Paint.Categorical(k), Stroke.Dotted)),
                ],
                YRange = (0, Math.Max(0.3, data.Weights.Max() * 1.6)),
                Legend = LegendCorner.UpperLeft,
            });
            return panels;
        }
    }
}
