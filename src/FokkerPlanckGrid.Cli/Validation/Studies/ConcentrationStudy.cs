using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.IO.Studies;
using FokkerPlanckGrid.Plotting.Panels;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Simulations;

namespace FokkerPlanckGrid.Cli.Validation.Studies;

/// <summary>
/// `concentration`: Theorem 3.4, v(t)(U) -&gt; 1 as t -&gt; 0 for every open U containing supp u0, on the
/// neighbourhoods U_delta = { dist(x, supp u0) &lt; delta } (<see cref="Concentration"/>: the share of the grid's
/// mass in the cells whose centre lies in U_delta), at every level of each case's run, with the exact u(t)(U_delta)
/// beside it. Parameters: `deltas` (default: each case's diagnostics.deltas).
/// </summary>
public sealed class ConcentrationStudy : IStudyKind
{
    public string Kind => "concentration";

    public IReadOnlyList<StudyMeasure> Measures { get; } =
    [
        new("concentration_largest_delta", "min over cases of v(t_min)(U_delta) for the largest delta"),
        new("concentration_smallest_delta", "min over cases of v(t_min)(U_delta) for the smallest delta"),
        new("deficit_ratio", "max over cases and deltas of (1 - v(t_min)(U_delta)) / (1 - v_T(U_delta)): how much of the mass outside U_delta at T is still outside at t_min"),
        new("deficit_ratio_largest_delta", "the same for the largest delta only"),
        new("mass_drift", "max relative change of sum v dx over the runs"),
    ];

    public IStudy Prepare(StudySpec spec)
    {
        var p = spec.Parameters;
        p.AllowOnly("deltas");
        var cases = new List<(Case Case, double[] Deltas)>();
        for (int i = 0; i < spec.Cases.Count; i++)
        {
            var c = StudyRuns.AtSize(spec.Cases[i].Case, spec);
            var deltas = p.Numbers("deltas", "must be numbers > 0", d => d > 0, c.Diagnostics.Deltas);
            if (deltas.Length == 0)
                throw new CaseInputException($"cases[{i}]", spec.Cases[i].Source, "needs diagnostics.deltas, or the study's parameters.deltas");
            StudyRuns.Build(c);
            cases.Add((c, deltas.Distinct().Order().ToArray()));
        }
        return new Prepared(cases);
    }

    /// <summary>v(t)(U_delta) and u(t)(U_delta) at every level.</summary>
    private sealed class Tracker(Grid grid, IDataDistribution data, double[] deltas) : ISimulationObserver
    {
        private readonly Concentration _masks = new(grid, data, deltas);
        private readonly double[] _u = new double[grid.CellCount];

        public List<double> Time { get; } = [];
        public List<double[]> Shares { get; } = [];
        public List<double[]> Exact { get; } = [];

        public void OnLevel(int step, double t, double[] v, IStepper stepper)
        {
            Time.Add(t);
            var share = new double[deltas.Length];
            _masks.Measure(v, share);
            Shares.Add(share);
            CellAverages.Of(data, grid, t, _u);
            var exact = new double[deltas.Length];
            _masks.Measure(_u, exact);
            Exact.Add(exact);
        }

        public void OnSnapshot(int index, double t, double[] v) { }
    }

    private sealed class Prepared(List<(Case Case, double[] Deltas)> cases) : IStudy
    {
        public StudyOutcome Run(StudyContext context)
        {
            var outcome = new StudyOutcome();
            var rows = new List<IReadOnlyList<string>>();
            var panels = new List<Panel>();
            double largest = double.PositiveInfinity, smallest = double.PositiveInfinity, ratio = 0, ratioLargest = 0, drift = 0;
            foreach (var (c, deltas) in cases)
            {
                context.Progress(c.Name);
                var setup = StudyRuns.Build(c, context.Threads);
                var tracker = new Tracker(setup.Grid, setup.Data, deltas);
                var run = StudyRuns.Run(outcome, c.Name, setup, [], [tracker], cancel: context.Cancel);
                drift = Math.Max(drift, run.Levels.RelativeMassDrift());
                var first = tracker.Shares[0];
                var last = tracker.Shares[^1];
                largest = Math.Min(largest, last[^1]);
                smallest = Math.Min(smallest, last[0]);
                ratioLargest = Math.Max(ratioLargest, (1 - last[^1]) / (1 - first[^1]));
                for (int k = 0; k < deltas.Length; k++)
                {
                    ratio = Math.Max(ratio, (1 - last[k]) / (1 - first[k]));
                    rows.Add([c.Name, StudyRuns.Num(deltas[k]), StudyRuns.Num(first[k]), StudyRuns.Num(last[k]),
                        StudyRuns.Num(tracker.Exact[^1][k]), StudyRuns.Num((1 - last[k]) / (1 - first[k]))]);
                }
                panels.Add(new Panel($"{c.Name}: mass of v(t) within delta of supp u0 (Theorem 3.4)", "t", "v(t)(U_delta)")
                {
                    LogX = true, ReverseX = true, YRange = (0, 1.08), ReferenceY = [1], Legend = LegendCorner.UpperLeft,
                    Curves =
                    [
                        .. deltas.Select((d, k) => new Curve(tracker.Time, tracker.Shares.Select(g => g[k]).ToArray(),
                            $"delta = {StudyRuns.Num(d)}", Paint.Categorical(k), Stroke.Solid, 2.5f)),
                        .. deltas.Select((d, k) => new Curve(tracker.Time, tracker.Exact.Select(g => g[k]).ToArray(),
                            null, Paint.Categorical(k), Stroke.Dashed, 1.5f)),
                        new Curve([], [], "exact u(t)(U_delta)", Paint.Black, Stroke.Dashed, 1.5f),
                    ],
                });
            }
            outcome.Measure("concentration_largest_delta", largest);
            outcome.Measure("concentration_smallest_delta", smallest);
            outcome.Measure("deficit_ratio", ratio);
            outcome.Measure("deficit_ratio_largest_delta", ratioLargest);
            outcome.Measure("mass_drift", drift);
            outcome.Tables.Add(new ReportTable("Mass within delta of supp u0 at T and at t_min",
                ["case", "delta", "v_T(U_delta)", "v(t_min)(U_delta)", "exact u(t_min)(U_delta)", "deficit ratio"], rows));
            outcome.Figures.Add((context.Figure("concentration", panels, columns: 1, height: 480 * panels.Count + 120),
                "v(t)(U_delta) against t (solid) and the exact heat flow's u(t)(U_delta) (dashed), per case."));
            return outcome;
        }
    }
}
