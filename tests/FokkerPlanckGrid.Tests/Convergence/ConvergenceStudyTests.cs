using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Convergence;

namespace FokkerPlanckGrid.Tests.Convergence;

/// <summary>The convergence study: observed first order against the exact solutions, and the level plan's input checks.</summary>
public class ConvergenceStudyTests
{
    /// <summary>A 1D case with the exact score; defaults: P1a's data (three Diracs), v_T = u(T).</summary>
    private static Case Case1D(DataSpec? data = null, TerminalSpec? terminal = null, double lo = -15, double hi = 15,
        int cells = 256, int steps = 64, double T = 2, double tMin = 0.2, double eps = 0.2, ScoreSpec? score = null) =>
        new("test-1d",
            data ?? new DiracMixtureSpec([[-5], [0], [5]], [0.7, 0.3, 0.1]),
            score ?? new ExactScoreSpec(),
            terminal ?? new HeatTerminalSpec(),
            new GridSpec([[lo, hi]], [cells]),
            new TimeSpec(T, tMin, steps, TimeSpacing.Geometric, 1),
            eps,
            new SchemeSpec(TransportKind.Upwind, SplittingKind.Lie),
            new OutputSpec("unused.h5", 21, ["v"]),
            new DiagnosticsSpec([1, 2], [0.5]));

    private static Case SingleDiracGaussian() => Case1D(new DiracMixtureSpec([[1]], [1]),
        new GaussianTerminalSpec([0], 3), -12, 12, T: 1, tMin: 0.1, eps: 0.5);

    [Fact]
    public void HeatTerminal_ObservedL1Order_IsFirst()
    {
        var result = ConvergenceStudy.Run(Case1D(), 3, Refinement.Both);
        Assert.Equal([64, 128, 256], result.Levels.Select(l => l.Cells[0]));
        Assert.Equal([16, 32, 64], result.Levels.Select(l => l.Steps));
        Assert.InRange(result.Orders.L1, 0.7, 1.3);
        Assert.All(result.Levels.Zip(result.Levels.Skip(1)), p => Assert.True(p.Second.Errors.L1 < p.First.Errors.L1));
    }

    [Fact]
    public void SingleDiracGaussianTerminal_ObservedL1Order_IsFirst()
    {
        var result = ConvergenceStudy.Run(SingleDiracGaussian(), 3, Refinement.Both);
        Assert.InRange(result.Orders.L1, 0.7, 1.3);
        // the snapshot levels coincide across levels, so there is an order at every snapshot after T
        Assert.Equal(result.Levels[0].Snapshots.Count, result.SnapshotOrders.Count);
        Assert.All(result.SnapshotOrders, s => Assert.InRange(s.Errors.L1, 0.7, 1.3));
    }

    [Fact]
    public void DiracGaussian_WithTheHeatVariance_IsTheHeatFlow()
    {
        // sigma_T^2 = 2T, mu_T = y gives back v = u: mean y, variance 2t (MATH.md section 2)
        var exact = new ExactSolution.DiracGaussian([1.5], [1.5], 2 * 3.0, 0.7, 3.0);
        foreach (var t in new[] { 0.01, 0.5, 2.9 })
        {
            Assert.Equal(1.5, exact.Mean(t)[0], 14);
            Assert.Equal(2 * t, exact.Variance(t), 14);
        }
        // and at t = T it is v_T
        var other = new ExactSolution.DiracGaussian([1], [0], 3, 0.5, 1);
        Assert.Equal(0, other.Mean(1)[0], 14);
        Assert.Equal(3, other.Variance(1), 14);
    }

    [Fact]
    public void Plan_FinestLevelIsTheCase_AndRefineSelectsWhatChanges()
    {
        var c = Case1D();
        var both = ConvergenceStudy.Plan(c, 3, Refinement.Both);
        Assert.Equal(256, both[^1].Grid.Cells[0]);
        Assert.Equal(64, both[^1].Time.Steps);
        var space = ConvergenceStudy.Plan(c, 3, Refinement.Space);
        Assert.Equal([64, 128, 256], space.Select(l => l.Grid.Cells[0]));
        Assert.All(space, l => Assert.Equal(64, l.Time.Steps));
        var time = ConvergenceStudy.Plan(c, 3, Refinement.Time);
        Assert.Equal([16, 32, 64], time.Select(l => l.Time.Steps));
        Assert.All(time, l => Assert.Equal(256, l.Grid.Cells[0]));
        var adaptive = c with { Time = c.Time with { Spacing = TimeSpacing.Adaptive, Courant = 2 } };
        Assert.Equal([2.0, 2, 2], ConvergenceStudy.Plan(adaptive, 3, Refinement.Both).Select(l => l.Time.Courant));
        Assert.Equal([0.5, 1, 2], ConvergenceStudy.Plan(adaptive, 3, Refinement.Space).Select(l => l.Time.Courant));
        Assert.Equal([8.0, 4, 2], ConvergenceStudy.Plan(adaptive, 3, Refinement.Time).Select(l => l.Time.Courant));
    }

    [Theory]
    [InlineData(1, 256, 64, "--levels")]
    [InlineData(3, 250, 64, "grid.cells")]     // not divisible by 4
    [InlineData(4, 32, 64, "grid.cells")]      // coarsest 4 cells
    [InlineData(3, 256, 50, "time.steps")]     // not divisible by 4
    public void Plan_BadInput_NamesTheKey(int levels, int cells, int steps, string key)
    {
        var e = Assert.Throws<CaseInputException>(() => ConvergenceStudy.Plan(Case1D(cells: cells, steps: steps), levels, Refinement.Both));
        Assert.Equal(key, e.Key);
    }

    [Fact]
    public void NoExactSolution_NamesTheKey()
    {
        var twoDirac = Case1D(new DiracMixtureSpec([[-1], [1]], [0.5, 0.5]), new GaussianTerminalSpec([0], 4));
        Assert.Equal("terminal.kind", Assert.Throws<CaseInputException>(() => ExactSolution.For(twoDirac)).Key);
        var mixed = Case1D(score: new MixedScoreSpec(0.5, new DiracMixtureSpec([[-1]], [1]), new DiracMixtureSpec([[1]], [1])));
        Assert.Equal("score.kind", Assert.Throws<CaseInputException>(() => ExactSolution.For(mixed)).Key);
    }
}
