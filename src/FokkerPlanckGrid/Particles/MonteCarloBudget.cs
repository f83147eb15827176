namespace FokkerPlanckGrid.Particles;

/// <summary>
/// The Monte Carlo comparison of particles with the grid and its error budget (<see cref="MonteCarloComparison"/>).
/// </summary>
/// <param name="Distance">D = ||p^ - p||_1, particles against the grid</param>
/// <param name="Grid">||v - p||_1, the grid's discretisation error (exact or estimated)</param>
/// <param name="GridExact">whether <paramref name="Grid"/> is exact (terminal = u(T)) or a Richardson estimate</param>
/// <param name="Time">the particle scheme's time-stepping error, estimated with half the steps</param>
/// <param name="Statistical">mu, the bound on the expected statistical error</param>
/// <param name="Deviation">the McDiarmid term for failure probability <paramref name="Delta"/></param>
/// <param name="Delta">delta</param>
/// <param name="Particles">N</param>
/// <param name="ExactDistance">||p^ - v||_1, particles against the exact solution, where known</param>
public sealed record MonteCarloBudget(double Distance, double Grid, bool GridExact, double Time, double Statistical,
    double Deviation, double Delta, long Particles, double? ExactDistance)
{
    /// <summary>Grid + time + statistical + deviation: what D may be.</summary>
    public double Bound => Grid + Time + Statistical + Deviation;
}
