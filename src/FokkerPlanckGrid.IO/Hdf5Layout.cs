namespace FokkerPlanckGrid.IO;

/// <summary>
/// Every dataset path and attribute name of the run file, in one place (SPEC.md, "HDF5 file layout").
/// Arrays are C order; 2D fields are indexed [i, j] with i along x and j along y; the snapshot index comes first.
/// Writers and readers use these names only, never string literals of their own.
/// </summary>
public static class Hdf5Layout
{
    // ---- root attributes ----
    /// <summary>Root attribute: the full resolved case as JSON text (variable-length UTF-8 string).</summary>
    public const string AttrCase = "case";
    /// <summary>Root attribute: the program version that wrote the file.</summary>
    public const string AttrVersion = "version";
    /// <summary>Root attribute: creation time, ISO 8601 UTC (e.g. 2025-01-31T12:00:00.0000000Z).</summary>
    public const string AttrCreatedUtc = "created_utc";
    /// <summary>Root attribute: space dimension d (1 or 2), int32.</summary>
    public const string AttrDimension = "dimension";
    /// <summary>Root attribute: the diffusion parameter eps.</summary>
    public const string AttrEps = "eps";
    /// <summary>Root attribute: the terminal time T.</summary>
    public const string AttrT = "T";
    /// <summary>Root attribute: the final time t_min.</summary>
    public const string AttrTMin = "t_min";
    /// <summary>Root attribute: <see cref="StatusComplete"/> or <see cref="StatusBreakdown"/>.</summary>
    public const string AttrStatus = "status";

    /// <summary>Value of <see cref="AttrStatus"/> for a run that reached t_min.</summary>
    public const string StatusComplete = "complete";
    /// <summary>Value of <see cref="AttrStatus"/> for a run that broke down numerically; the file holds what came before.</summary>
    public const string StatusBreakdown = "breakdown";

    // ---- groups ----
    public const string GridGroup = "/grid";
    public const string SnapshotsGroup = "/snapshots";
    public const string DiagnosticsGroup = "/diagnostics";
    public const string ParticlesGroup = "/particles";

    // ---- grid ----
    /// <summary>[nx] cell centres along x; attributes <see cref="AttrBox"/> and <see cref="AttrH"/>.</summary>
    public const string GridX = "/grid/x";
    /// <summary>[ny] cell centres along y (2D only).</summary>
    public const string GridY = "/grid/y";
    /// <summary>Axis attribute: double[2] = [lower, upper] of that axis.</summary>
    public const string AttrBox = "box";
    /// <summary>Axis attribute: the cell width h of that axis.</summary>
    public const string AttrH = "h";

    // ---- snapshots ----
    /// <summary>[S] snapshot times, from T down to t_min.</summary>
    public const string SnapshotsT = "/snapshots/t";
    /// <summary>[S, nx] or [S, nx, ny] solution v as cell averages.</summary>
    public const string SnapshotsV = "/snapshots/v";
    /// <summary>Same shape as <see cref="SnapshotsV"/>: the exact heat-flow density u(t).</summary>
    public const string SnapshotsU = "/snapshots/u";
    /// <summary>Same shape as <see cref="SnapshotsV"/>: x component of the score at cell centres.</summary>
    public const string SnapshotsScoreX = "/snapshots/score_x";
    /// <summary>Same shape as <see cref="SnapshotsV"/>: y component of the score (2D only).</summary>
    public const string SnapshotsScoreY = "/snapshots/score_y";

    /// <summary>Names of the snapshot fields a case may request in <c>output.fields</c>.</summary>
    public const string FieldV = "v", FieldU = "u", FieldScore = "score";

    // ---- diagnostics ----
    public const string DiagnosticsT = "/diagnostics/t";
    public const string DiagnosticsMass = "/diagnostics/mass";
    public const string DiagnosticsMin = "/diagnostics/min";
    public const string DiagnosticsP = "/diagnostics/p";
    public const string DiagnosticsLpNorm = "/diagnostics/lp_norm";
    public const string DiagnosticsLpBound = "/diagnostics/lp_bound";
    public const string DiagnosticsKlVU = "/diagnostics/kl_v_u";
    public const string DiagnosticsKlUV = "/diagnostics/kl_u_v";
    public const string DiagnosticsKlVUh = "/diagnostics/kl_v_uh";
    public const string DiagnosticsFisherVU = "/diagnostics/fisher_v_u";
    public const string DiagnosticsLiYauMargin = "/diagnostics/liyau_margin";
    public const string DiagnosticsDelta = "/diagnostics/delta";
    public const string DiagnosticsConcentration = "/diagnostics/concentration";

    // ---- particles ----
    /// <summary>[M] times at which trajectories are stored.</summary>
    public const string ParticlesT = "/particles/t";
    /// <summary>[M, N, d] trajectories; attribute <see cref="AttrStride"/>.</summary>
    public const string ParticlesX = "/particles/x";
    /// <summary>[N, d] end points at t_min; attribute <see cref="AttrSeed"/>.</summary>
    public const string ParticlesEnd = "/particles/end";
    public const string AttrStride = "stride";
    public const string AttrSeed = "seed";
    /// <summary>[C, d] (mixed score of Dirac data) critical points of Phi_lambda; attribute <see cref="AttrLambda"/>.</summary>
    public const string ParticlesMixingPoints = "/particles/mixing_points";
    /// <summary>[C] int: 1 for a local minimum of Phi_lambda, 0 for a saddle or maximum.</summary>
    public const string ParticlesMixingMinimum = "/particles/mixing_minimum";
    /// <summary>[D] the radii delta.</summary>
    public const string ParticlesMixingDelta = "/particles/mixing_delta";
    /// <summary>[M, D, C+1] share of all particles within delta of each critical point at the stored times (last column: outside all).</summary>
    public const string ParticlesMixingShare = "/particles/mixing_share";
    /// <summary>Attribute of <see cref="ParticlesMixingPoints"/>: the mixing weight lambda.</summary>
    public const string AttrLambda = "lambda";

    // ---- score from a file (score.kind = grid-file) ----
    /// <summary>[M] times of a tabulated score file.</summary>
    public const string ScoreFileT = "/t";
    /// <summary>[M, nx] or [M, nx, ny, 2] tabulated score at cell centres (default dataset name).</summary>
    public const string ScoreFileScore = "/score";
}
