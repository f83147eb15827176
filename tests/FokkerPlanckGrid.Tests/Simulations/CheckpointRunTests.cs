using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Simulations;

namespace FokkerPlanckGrid.Tests.Simulations;

/// <summary>A run through checkpoint times: the same steps as a plain run, the checkpoints hit exactly, one continuous record.</summary>
public class CheckpointRunTests
{
    private static Case P1(int cells, int steps, TimeSpacing spacing = TimeSpacing.Geometric) => new(
        "p1", new DiracMixtureSpec([[-5.0], [0.0], [5.0]], [0.7, 0.3, 0.1]), new ExactScoreSpec(),
        new GaussianTerminalSpec([0.0], 4.0), new GridSpec([[-15, 15]], [cells]), new TimeSpec(2, 0.05, steps, spacing, 2),
        0.2, new SchemeSpec(TransportKind.Upwind, SplittingKind.Lie), new OutputSpec("unused.h5", 2, ["v"]),
        new DiagnosticsSpec([2], [0.5]));

    private sealed class Recorder : ISimulationObserver
    {
        public List<(int Step, double T)> Levels { get; } = [];
        public void OnLevel(int step, double t, double[] v, IStepper stepper) => Levels.Add((step, t));
        public void OnSnapshot(int index, double t, double[] v) { }
    }

    [Fact]
    public void WithoutCheckpoints_ReproducesThePlainRun_BitForBit()
    {
        var c = P1(256, 60);
        var setup = CaseBuilder.Build(c);
        var plain = (double[])setup.Terminal.Clone();
        new Simulation(setup.Stepper, setup.Time, 2).Run(plain, []);
        var result = CheckpointRun.Execute(CaseBuilder.Build(c), [], []);
        Assert.Equal(plain, result.Final);
        Assert.Equal(60, result.Steps);
        Assert.Empty(result.Fields);
    }

    [Theory]
    [InlineData(TimeSpacing.Geometric)]
    [InlineData(TimeSpacing.Adaptive)]
    public void Checkpoints_AreHitExactly_InOneContinuousRecord(TimeSpacing spacing)
    {
        var c = P1(256, 60, spacing);
        double[] times = [2, 0.5, 0.1, 0.05];
        var recorder = new Recorder();
        var result = CheckpointRun.Execute(CaseBuilder.Build(c), times, [recorder]);
        Assert.Equal(times, result.Times);
        Assert.Equal(times.Length, result.Fields.Count);
        Assert.Equal(CaseBuilder.Build(c).Terminal, result.Fields[0]);       // t = T: v_T itself
        Assert.Equal(result.Final, result.Fields[^1]);                       // t = t_min: the end of the run
        foreach (var t in times) Assert.Contains(recorder.Levels, l => l.T == t);
        Assert.Equal(Enumerable.Range(0, recorder.Levels.Count), recorder.Levels.Select(l => l.Step));   // no repeated level
        Assert.True(recorder.Levels.Zip(recorder.Levels.Skip(1)).All(p => p.Second.T < p.First.T));
        Assert.Equal(recorder.Levels.Count, result.Levels.Count);
        Assert.Equal(result.Steps + 1, result.Levels.Count);
        Assert.True(result.Levels.RelativeMassDrift() < 1e-13);
        if (spacing == TimeSpacing.Geometric) Assert.InRange(result.Steps, 58, 62);   // the case's K, shared out by log(t_k-1 / t_k)
    }

    [Fact]
    public void Checkpoint_OutsideTheRun_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointRun.Execute(CaseBuilder.Build(P1(64, 10)), [0.01], []));
}
