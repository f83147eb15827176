using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Simulations;

/// <summary>What a finished run reports: step counts, wall times and the per-level record.</summary>
/// <param name="Grid">the grid</param>
/// <param name="Steps">accepted steps</param>
/// <param name="RejectedSteps">steps retried by an adaptive time grid</param>
/// <param name="WallSeconds">the whole loop, observers included</param>
/// <param name="StepSeconds">time spent preparing and applying steps only</param>
/// <param name="Levels">t, mass, min v and Courant number at every level</param>
/// <param name="Snapshots">snapshots taken</param>
public sealed record RunResult(
    Grid Grid, int Steps, int RejectedSteps, double WallSeconds, double StepSeconds, LevelDiagnostics Levels, int Snapshots)
{
    /// <summary>cells * steps / second of the stepping alone.</summary>
    public double CellStepsPerSecond => StepSeconds > 0 ? (double)Grid.CellCount * Steps / StepSeconds : 0;
}
