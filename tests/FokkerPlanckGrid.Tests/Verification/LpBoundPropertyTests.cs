using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Simulations;
using FokkerPlanckGrid.Tests.Arbitraries;
using FokkerPlanckGrid.Time;
using FokkerPlanckGrid.Verification;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FokkerPlanckGrid.Tests.Verification;

/// <summary>
/// The discrete Theorem 3.1 of our scheme (LpBounds; derivation in validation/README.md) is exact: over random Dirac
/// mixtures, eps, T, t_min, step counts, terminal data (exact zeros included), grids, 1D and 2D split steppers and both
/// fluxes, ||v_n||_p never exceeds ||v_T||_p prod 1/(1 - tau c (p-1)/p) beyond round-off, for p = 2, 3.5 and inf;
/// and the continuous bound holds within the time grid's O(dtau) factor wherever that factor exists (the discrete bound
/// is finite).
/// </summary>
public class LpBoundPropertyTests
{
    private static readonly double[] P = [1, 2, 3.5, double.PositiveInfinity];

    public sealed record RunCase(int Dimension, double Half, int Cells, MixtureSpec Data, double Eps, double T, double TMin,
        int Steps, SplittingKind Splitting, TransportKind Transport, double[] V)
    {
        public override string ToString() =>
            $"d {Dimension}, box [-{Half:R}, {Half:R}], cells {Cells}, data {Data}, eps {Eps:R}, T {T:R}, t_min {TMin:R}, " +
            $"steps {Steps}, {Splitting}, {Transport}, V zeros {V.Count(x => x == 0)}/{V.Length}";
    }

    private static Gen<RunCase> Cases(int dimension) =>
        from half in Generators.Uniform(2, 10)
        from cells in Gen.Choose(8, dimension == 1 ? 120 : 24)
        from data in Generators.Mixture(Enumerable.Repeat(-half, dimension).ToArray(), Enumerable.Repeat(half, dimension).ToArray())
        from eps in Generators.Eps
        from tMax in Generators.LogUniform(0.05, 5)
        from ratio in Generators.LogUniform(1e-3, 0.5)
        from steps in Gen.Choose(1, 30)
        from splitting in Gen.Elements(SplittingKind.Lie, SplittingKind.Strang)
        from transport in Gen.Elements(TransportKind.Upwind, TransportKind.ScharfetterGummel)
        from v in Generators.Field(dimension == 1 ? cells : cells * cells, allowZeros: true)
        select new RunCase(dimension, half, cells, data, eps, tMax, tMax * ratio, steps, splitting, transport, v);

    private static void Check(RunCase c)
    {
        foreach (var check in Checks(c).Where(k => k.Name.StartsWith("lp_", StringComparison.Ordinal)))
        {
            // the continuous bound is promised only while the discrete bound is finite (an O(dtau) factor exists);
            // the discrete bound itself, and the continuous one wherever it is guaranteed, must hold
            Assert.True(check.Guaranteed || (check.Name.StartsWith("lp_bound_", StringComparison.Ordinal) && check.Detail.Contains("every step too long")),
                $"{check.Name} not guaranteed: {check.Detail}");
            Assert.False(check.Failed, $"{check.Name}: {check.Measured:R} vs {check.Bound:R} ({check.Detail})");
        }
    }

    /// <summary>
    /// One step from T = 1.77 to t_min = 0.065 with eps = 0 (found by the property above): tau c (p-1)/p = 6.6 &gt;= 1,
    /// so the discrete bound is infinite, no O(dtau) factor exists, and the continuous bound — which the step's result
    /// exceeded by 15 % there — is measured and marked not guaranteed; with 40 steps every level is judged, and holds.
    /// </summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(40, true)]
    public void ContinuousBound_IsGuaranteed_OnlyWhereTheDiscreteBoundIsFinite(int steps, bool guaranteed)
    {
        var grid = Grid.OnInterval(-5.2, 5.2, 119);
        var v = Enumerable.Range(0, 119).Select(i => 1 + Math.Sin(0.37 * i) * Math.Sin(0.37 * i)).ToArray();
        var c = new RunCase(1, 5.2, 119, new MixtureSpec([[4.7]], [0.02]), 0, 1.7666, 0.06462, steps, SplittingKind.Strang,
            TransportKind.Upwind, v);
        var checks = Checks(c);
        var lp2 = checks.Single(k => k.Name == "lp_bound_p2");
        Assert.Equal(guaranteed, lp2.Guaranteed);
        Assert.False(lp2.Failed, lp2.Detail);
        Assert.All(checks.Where(k => k.Name.StartsWith("lp_discrete_bound_", StringComparison.Ordinal)), k => Assert.True(k.Passed, k.Detail));
    }

    private static IReadOnlyList<CheckResult> Checks(RunCase c)
    {
        var grid = c.Dimension == 1
            ? Grid.OnInterval(-c.Half, c.Half, c.Cells)
            : Grid.OnRectangle(-c.Half, c.Half, c.Cells, -c.Half, c.Half, c.Cells);
        var data = c.Data.ToMixture();
        var score = CaseBuilder.Exact(data);
        var stepper = CaseBuilder.StepperOf(new SchemeSpec(c.Transport, c.Splitting), new BackwardFokkerPlanck(score, c.Eps), grid);
        var tracker = new TheoremTracker(grid, data, score, true, c.Eps, c.T, P, [], null);
        var levels = new LevelDiagnostics();
        new Simulation(stepper, TimeGrid.Geometric(c.T, c.TMin, c.Steps), 2).Run((double[])c.V.Clone(), [tracker], levels);
        return TheoremChecks.Evaluate(new TheoremChecks.Inputs(c.Dimension, c.Eps, c.T, grid.Axes.Max(a => a.H), true, true,
            levels, tracker.Series, [], P, []));
    }

    [Property(MaxTest = 100)]
    public Property DiscreteLpBound_Holds_In1D() => Prop.ForAll(Arb.From(Cases(1)), Check);

    [Property(MaxTest = 100)]
    public Property DiscreteLpBound_Holds_In2D() => Prop.ForAll(Arb.From(Cases(2)), Check);
}
