using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.IO;

/// <summary>
/// What a run file knows before the first step: the grid, how many snapshots will come and of which fields,
/// and the root attributes. <see cref="SnapshotFields"/> is a subset of "v", "u", "score"
/// (<see cref="Hdf5Layout.FieldV"/> etc.); "score" writes score_x and, in 2D, score_y.
/// </summary>
/// <param name="Grid">The solver grid; fixes the trailing snapshot dimensions [nx] or [nx, ny].</param>
/// <param name="SnapshotCount">S, the number of snapshot slots, at least 1.</param>
/// <param name="SnapshotFields">The fields to store, a subset of "v", "u", "score".</param>
/// <param name="CaseJson">The full resolved case as JSON text (root attribute <c>case</c>).</param>
/// <param name="Version">Program version (root attribute <c>version</c>).</param>
/// <param name="Eps">The diffusion parameter eps.</param>
/// <param name="T">Terminal time T.</param>
/// <param name="TMin">Final time t_min.</param>
public sealed record RunFileHeader(
    Grid Grid,
    int SnapshotCount,
    IReadOnlyList<string> SnapshotFields,
    string CaseJson,
    string Version,
    double Eps,
    double T,
    double TMin);
