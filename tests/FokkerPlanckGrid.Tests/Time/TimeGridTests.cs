using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Simulations;
using FokkerPlanckGrid.Tests.Arbitraries;
using FokkerPlanckGrid.Tests.Support;
using FokkerPlanckGrid.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace FokkerPlanckGrid.Tests.Time;

public class TimeGridTests(ITestOutputHelper output)
{
    private static Arbitrary<(double T, double TMin, int K, int S)> Grids() => Arb.From(
        from tMax in Generators.LogUniform(1e-2, 100)
        from ratio in Generators.LogUniform(1e-8, 0.9)
        from k in Gen.Choose(1, 2000)
        from s in Gen.Choose(2, 50)
        select (tMax, tMax * ratio, k, s));

    [Property(MaxTest = 200)]
    public Property GeometricLevels_StartAtT_EndExactlyAtTMin_WithConstantRatio() => Prop.ForAll(Grids(), g =>
    {
        var grid = TimeGrid.Geometric(g.T, g.TMin, g.K);
        Assert.Equal(g.T, grid.Level(0));
        Assert.Equal(g.TMin, grid.Level(g.K));
        double ratio = Math.Pow(g.TMin / g.T, 1.0 / g.K);
        for (int n = 0; n < g.K; n++)
        {
            double r = grid.Level(n + 1) / grid.Level(n);
            Assert.True(Math.Abs(r - ratio) <= 1e-12 * Math.Max(1, Math.Abs(Math.Log(g.TMin / g.T))) * ratio,
                $"level {n}: ratio {r:R} vs {ratio:R}");
            Assert.True(grid.Level(n + 1) < grid.Level(n));
        }
    });

    [Property(MaxTest = 200)]
    public Property SnapshotSteps_AreDistinctSortedAndIncludeZeroAndK() => Prop.ForAll(Grids(), g =>
    {
        var steps = TimeGrid.Geometric(g.T, g.TMin, g.K).SnapshotSteps(g.S);
        Assert.Equal(0, steps[0]);
        Assert.Equal(g.K, steps[^1]);
        for (int i = 1; i < steps.Length; i++) Assert.True(steps[i] > steps[i - 1], "distinct and increasing");
        Assert.Equal(Math.Min(g.S, g.K + 1), steps.Length);
    });

    private sealed class SnapshotRecorder : ISimulationObserver
    {
        public List<double> Times { get; } = [];
        public void OnLevel(int step, double t, double[] v, IStepper stepper) { }
        public void OnSnapshot(int index, double t, double[] v) => Times.Add(t);
    }

    private static (RunResult Result, List<double> Snapshots, IReadOnlyList<double> Targets) RunAdaptive(
        double courant, double tMin, int snapshots, double eps)
    {
        var data = ReferenceProblems.P1Data();
        var grid = Grid.OnInterval(-15, 15, 256);
        var stepper = new ImplicitStepper1D(new BackwardFokkerPlanck(CaseBuilder.Exact(data), eps), grid, UpwindFlux.Instance);
        var sim = new Simulation(stepper, TimeGrid.Adaptive(2, tMin, courant), snapshots);
        var recorder = new SnapshotRecorder();
        var result = sim.Run(CellAverages.Of(data, grid, 2), [recorder]);
        return (result, recorder.Times, sim.SnapshotTimes);
    }

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(1.0, 0.2)]
    [InlineData(4.0, 1.0)]
    public void AdaptiveGrid_KeepsCourantBelowBound_AndLandsOnEveryTarget(double courant, double eps)
    {
        var (result, snapshots, targets) = RunAdaptive(courant, 1e-3, 7, eps);
        var levels = result.Levels;
        for (int k = 1; k < levels.Count; k++)
            Assert.True(levels.Courant[k] <= courant * (1 + 1e-12), $"step {k}: Courant {levels.Courant[k]:R} > {courant}");
        Assert.Equal(1e-3, levels.Time[^1]);                       // exactly t_min
        Assert.Equal(targets, snapshots);                          // every snapshot target, exactly
        foreach (var target in targets) Assert.Contains(target, levels.Time);
        output.WriteLine($"courant {courant}, eps {eps}: {result.Steps} steps, {result.RejectedSteps} rejected");
    }

    /// <summary>|b| ~ 1/t, so dt / t ~ const at fixed Courant: every decade of t costs about the same number of steps.</summary>
    [Fact]
    public void AdaptiveGrid_StepCountGrowsLikeLogOfTOverTMin()
    {
        double[] tMin = [2e-1, 2e-2, 2e-3, 2e-4];
        var steps = tMin.Select(t => RunAdaptive(1.0, t, 2, 0.2).Result.Steps).ToArray();
        var perDecade = Enumerable.Range(1, steps.Length - 1).Select(i => (double)(steps[i] - steps[i - 1])).ToArray();
        output.WriteLine($"steps {string.Join(", ", steps)}; per decade {string.Join(", ", perDecade)}");
        for (int i = 1; i < steps.Length; i++) Assert.True(steps[i] > steps[i - 1]);
        // each further decade costs the same number of steps to within 25% (not a power law in T / t_min)
        Assert.InRange(perDecade.Max() / perDecade.Min(), 1.0, 1.25);
    }
}
