using FokkerPlanckGrid.IO;
using FokkerPlanckGrid.Simulations;

namespace FokkerPlanckGrid.Cli.Running;

/// <summary>What a command adds to a plain run.</summary>
/// <param name="Observers">extra observers (progress, theorem diagnostics)</param>
/// <param name="Companions">fields advanced by the same steps (u_h of the data-processing check)</param>
/// <param name="Datasets">extra datasets for the file, given the number of good levels (fewer after a breakdown)</param>
public sealed record RunExtras(
    IReadOnlyList<ISimulationObserver> Observers,
    IReadOnlyList<double[]>? Companions = null,
    Func<int, IEnumerable<DatasetEntry>>? Datasets = null);
