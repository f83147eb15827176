using System.Diagnostics;
using System.Reflection;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.IO;
using FokkerPlanckGrid.IO.CaseFiles;
using FokkerPlanckGrid.Mixing;
using FokkerPlanckGrid.Simulations;
using FokkerPlanckGrid.Verification;

namespace FokkerPlanckGrid.Cli.Running;

/// <summary>
/// One run of a case, end to end: solver objects, the streaming run file, the loop, the diagnostics, the file's
/// completion (or truncation after a numerical breakdown). Console-free: the commands present the outcome.
/// </summary>
public static class RunSession
{
    public static string Version =>
        typeof(RunSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Builds everything that can fail on input before the first byte is written.</summary>
    public static SolverSetup Prepare(Case c, int threads = 0) => CaseBuilder.Build(c, threads);

    public static RunOutcome Execute(SolverSetup setup, IReadOnlyList<ISimulationObserver> extraObservers,
        CancellationToken cancel = default) => Execute(setup, new RunExtras(extraObservers), cancel);

    /// <summary>A run with extra observers, companion fields advanced by the same steps, and extra datasets.</summary>
    public static RunOutcome Execute(SolverSetup setup, RunExtras extras, CancellationToken cancel = default)
    {
        var extraObservers = extras.Observers;
        var c = setup.Case;
        var clock = Stopwatch.StartNew();
        var simulation = new Simulation(setup.Stepper, setup.Time, c.Output.Snapshots);
        if (extras.Companions is { } companions) simulation.Companions.AddRange(companions);
        var header = new RunFileHeader(setup.Grid, simulation.SnapshotTimes.Count, c.Output.Fields, CaseFile.ToJson(c), Version,
            c.Eps, c.Time.T, c.Time.TMin);
        using var writer = RunFileWriter.Create(c.Output.Path, header);
        var recorder = new SnapshotRecorder(setup, writer, c.Output.Fields);
        var levels = new LevelDiagnostics();
        var observers = new List<ISimulationObserver> { recorder };
        var (mixing, mixingNote) = MixingOf(setup);
        if (mixing is not null) observers.Add(mixing);
        observers.AddRange(extraObservers);
        var v = Fields.LargeArrays.Copy(setup.Terminal);
        RunResult? result = null;
        NumericalBreakdownException? breakdown = null;
        try
        {
            result = simulation.Run(v, observers, levels, cancel);
            writer.Complete(Diagnostics(levels, extras, mixing));
        }
        catch (NumericalBreakdownException e)
        {
            breakdown = e;
            writer.CompleteTruncated(recorder.Written, Diagnostics(levels, extras, mixing));
        }
        double? relL1 = breakdown is null && c.Terminal is HeatTerminalSpec
            ? ReferenceError.RelativeL1AgainstCenters(setup.Data, setup.Grid, c.Time.TMin, v)
            : null;
        return new RunOutcome(setup, result, levels, c.Output.Path, breakdown, clock.Elapsed.TotalSeconds, relL1,
            TerminalOutsideBox(setup), 1 - BoxMass(setup.Data, setup.Grid, c.Time.T), ResolutionTime(setup), mixing, mixingNote);
    }

    /// <summary>For a mixed score of Dirac data, a tracker of the mass near the critical points of Phi_lambda; else why not.</summary>
    private static (MixingTracker?, string?) MixingOf(SolverSetup setup)
    {
        if (setup.Case.Score is not MixedScoreSpec m) return (null, null);
        var potential = MixingPotential.Of(m, out string reason);
        if (potential is null) return (null, reason);
        return (new MixingTracker(setup.Grid, potential, setup.Case.Diagnostics.Deltas), null);
    }

    private static List<DatasetEntry> Diagnostics(LevelDiagnostics levels, RunExtras extras, MixingTracker? mixing) =>
    [
        DatasetEntry.Vector(Hdf5Layout.DiagnosticsT, levels.Time.ToArray()),
        DatasetEntry.Vector(Hdf5Layout.DiagnosticsMass, levels.Mass.ToArray()),
        DatasetEntry.Vector(Hdf5Layout.DiagnosticsMin, levels.Min.ToArray()),
        DatasetEntry.Vector(Hdf5Layout.DiagnosticsGroup + "/courant", levels.Courant.ToArray()),
        .. extras.Datasets?.Invoke(levels.Count) ?? [],
        .. mixing is null ? [] : MixingDatasets(mixing, levels.Count),
    ];

    /// <summary>
    /// /diagnostics/mixing_points [C, d] (attribute lambda), mixing_minimum [C] (1: local minimum), mixing_delta [D] and
    /// mixing_mass [K+1, D, C+1]: the share of v within delta of each critical point, the last column outside all.
    /// </summary>
    private static IEnumerable<DatasetEntry> MixingDatasets(MixingTracker mixing, int count)
    {
        var points = mixing.Potential.CriticalPoints;
        int d = mixing.Potential.Dimension;
        count = Math.Min(count, mixing.Shares.Count);
        string group = Hdf5Layout.DiagnosticsGroup;
        yield return new DatasetEntry(group + "/mixing_points", points.SelectMany(c => c.X).ToArray(), [points.Count, d])
        {
            Attributes = new Dictionary<string, object> { ["lambda"] = mixing.Potential.Lambda },
        };
        yield return DatasetEntry.Vector(group + "/mixing_minimum", points.Select(c => c.IsLocalMinimum ? 1 : 0).ToArray());
        yield return DatasetEntry.Vector(group + "/mixing_delta", mixing.Deltas.ToArray());
        yield return new DatasetEntry(group + "/mixing_mass", mixing.Shares.Take(count).SelectMany(r => r).ToArray(),
            [count, mixing.Deltas.Count, mixing.Columns]);
    }

    private static double BoxMass(IDataDistribution data, Grids.Grid grid, double t) =>
        data.MassInBox(grid.Axes.Select(a => a.Lower).ToArray(), grid.Axes.Select(a => a.Upper).ToArray(), t);

    private static double? TerminalOutsideBox(SolverSetup s) => s.Case.Terminal switch
    {
        HeatTerminalSpec => 1 - BoxMass(s.Data, s.Grid, s.Case.Time.T),
        GaussianTerminalSpec g => 1 - s.Grid.Axes.Select((a, d) => Gaussian.IntervalProbability(a.Lower, a.Upper, g.Mean[d], g.Variance))
            .Aggregate(1.0, (p, q) => p * q),
        _ => null,
    };

    /// <summary>
    /// The time at which the forward kernel's width is 3 h_max (heat: sqrt(2t) = 3h, t = (3 h)^2 / 2; OU:
    /// sqrt(1 - e^{-2tau}) = 3h), when the run goes below it.
    /// </summary>
    private static double? ResolutionTime(SolverSetup s)
    {
        double h = s.Grid.Axes.Max(a => a.H);
        double t = s.Equation.Forward.TimeOfKernelWidth(3 * h);
        return s.Case.Time.TMin < t ? t : null;
    }
}
