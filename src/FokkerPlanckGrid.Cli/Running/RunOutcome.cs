using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Simulations;
using FokkerPlanckGrid.Verification;

namespace FokkerPlanckGrid.Cli.Running;

/// <summary>What `fpgrid run` reports about a finished (or broken-down) run.</summary>
/// <param name="Setup">the solver objects</param>
/// <param name="Result">the run's record (null after a breakdown)</param>
/// <param name="Levels">t, mass, min v at every good level</param>
/// <param name="OutputPath">the HDF5 file written</param>
/// <param name="Breakdown">the breakdown, or null</param>
/// <param name="WallSeconds">the whole run, file writing included</param>
/// <param name="RelativeL1">sum|v - u(t_min)| / sum|u(t_min)| with u at cell centres, for `terminal: heat`</param>
/// <param name="TerminalOutsideBox">mass of v_T outside the box (not carried by the grid), when known</param>
/// <param name="HeatOutsideBox">mass of u(T) outside the box</param>
/// <param name="ResolutionTime">the time below which sqrt(2t) is under 3 cells, if the run goes below it</param>
/// <param name="Mixing">for a mixed score of Dirac data: the mass near each critical point of Phi_lambda at every level</param>
/// <param name="MixingNote">for a mixed score without <paramref name="Mixing"/>: why the critical points are not enumerated</param>
public sealed record RunOutcome(
    SolverSetup Setup, RunResult? Result, LevelDiagnostics Levels, string OutputPath, NumericalBreakdownException? Breakdown,
    double WallSeconds, double? RelativeL1, double? TerminalOutsideBox, double HeatOutsideBox, double? ResolutionTime,
    MixingTracker? Mixing = null, string? MixingNote = null);
