using FokkerPlanckGrid.Cases;

namespace FokkerPlanckGrid.Convergence;

/// <summary>One level of <see cref="OrnsteinUhlenbeckHeatMap.Study"/>.</summary>
/// <param name="Cells">OU cells per axis</param>
/// <param name="HeatCells">heat-flow cells per axis</param>
/// <param name="Steps">time steps (both runs)</param>
/// <param name="H">the largest OU cell width (the resolution the orders are measured against)</param>
/// <param name="Difference">the mapped OU solution against the heat solution at t_min, relative to the heat solution's norms</param>
/// <param name="OuError">the OU run against its exact solution (null when none is known)</param>
/// <param name="HeatError">the heat run against its exact solution (null when none is known)</param>
/// <param name="Seconds">wall time of both runs</param>
public sealed record HeatMapLevel(int[] Cells, int[] HeatCells, int Steps, double H, ErrorNorms Difference, ErrorNorms? OuError,
    ErrorNorms? HeatError, double Seconds);

/// <summary>The outcome of <see cref="OrnsteinUhlenbeckHeatMap.Study"/>: the levels (coarsest first) and the observed orders.</summary>
/// <param name="CaseName">the OU case's name</param>
/// <param name="HeatCase">the heat-flow case of the finest level</param>
/// <param name="Levels">coarsest first</param>
public sealed record HeatMapResult(string CaseName, Case HeatCase, IReadOnlyList<HeatMapLevel> Levels)
{
    /// <summary>Least-squares slopes of log(difference) against log(h).</summary>
    public ErrorNorms Orders
    {
        get
        {
            var h = Levels.Select(l => l.H).ToArray();
            return new ErrorNorms(
                ObservedOrder.Fitted(h, Levels.Select(l => l.Difference.L1).ToArray()),
                ObservedOrder.Fitted(h, Levels.Select(l => l.Difference.L2).ToArray()),
                ObservedOrder.Fitted(h, Levels.Select(l => l.Difference.Linf).ToArray()));
        }
    }

    /// <summary>Pairwise L1 orders of the difference between consecutive levels (entry k-1 for levels k-1, k).</summary>
    public IReadOnlyList<double> PairwiseL1 =>
        Enumerable.Range(1, Levels.Count - 1)
            .Select(k => ObservedOrder.Pairwise(Levels[k - 1].H, Levels[k - 1].Difference.L1, Levels[k].H, Levels[k].Difference.L1))
            .ToList();
}
