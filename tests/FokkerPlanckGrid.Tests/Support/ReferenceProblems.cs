using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Simulations;
using FokkerPlanckGrid.Time;

namespace FokkerPlanckGrid.Tests.Support;

/// <summary>P1 and P2 of shared/reference-problems.md at any size, and the relative L1 error figure.</summary>
public static class ReferenceProblems
{
    public static DiracMixture P1Data() => new([[-5.0], [0.0], [5.0]], [0.7, 0.3, 0.1]);

    public static DiracMixture P2Data() => new([[-1.0, 0.0], [1.0, 0.0]], [0.5, 0.5]);

    /// <summary>Runs P1a or P2a (v_T = u(T)) and returns sum|v - u(t_min)| / sum|u(t_min)| with u at cell centres.</summary>
    public static (double RelL1, RunResult Result, double[] V) RunHeat(
        DiracMixture data, Grid grid, double T, double tMin, int steps, double eps,
        TransportKind transport = TransportKind.Upwind, SplittingKind splitting = SplittingKind.Lie)
    {
        var equation = new BackwardFokkerPlanck(CaseBuilder.Exact(data), eps);
        var stepper = CaseBuilder.StepperOf(new SchemeSpec(transport, splitting), equation, grid);
        var v = CellAverages.Of(data, grid, T);
        var sim = new Simulation(stepper, TimeGrid.Geometric(T, tMin, steps), 2);
        var result = sim.Run(v, []);
        return (Diagnostics.ReferenceError.RelativeL1AgainstCenters(data, grid, tMin, v), result, v);
    }
}
