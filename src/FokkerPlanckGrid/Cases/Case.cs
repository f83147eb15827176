namespace FokkerPlanckGrid.Cases;

/// <summary>
/// A fully resolved case: every key of the case file (SPEC.md) with its default filled in. Plain immutable data;
/// the case-file reader checks it once, at the edge, and CaseBuilder turns it into solver objects.
/// </summary>
/// <param name="Name">label used in reports and the default output path</param>
/// <param name="Data">the data distribution u0</param>
/// <param name="Score">the score driving the equation (default: exact)</param>
/// <param name="Terminal">v_T (default: heat, v_T = u(T))</param>
/// <param name="Grid">box and cells</param>
/// <param name="Time">T, t_min, the time grid</param>
/// <param name="Eps">eps &gt;= 0 in dv/dt + eps Lap v - (1+eps) div(s v) = 0 (default 0)</param>
/// <param name="Scheme">transport flux and splitting</param>
/// <param name="Output">file path, snapshot count, fields</param>
/// <param name="Diagnostics">L^p exponents and concentration radii</param>
/// <param name="Particles">particle generation settings (for `fpgrid sample`), or null</param>
/// <param name="Forward">the forward process (default heat; `ou`: times are OU times, data's law is the OU flow)</param>
public sealed record Case(
    string Name,
    DataSpec Data,
    ScoreSpec Score,
    TerminalSpec Terminal,
    GridSpec Grid,
    TimeSpec Time,
    double Eps,
    SchemeSpec Scheme,
    OutputSpec Output,
    DiagnosticsSpec Diagnostics,
    ParticlesSpec? Particles = null,
    ForwardKind Forward = ForwardKind.Heat)
{
    public int Dimension => Grid.Cells.Length;
}
