namespace FokkerPlanckGrid.Cases;

/// <summary>The score driving the equation (`score` block).</summary>
public abstract record ScoreSpec
{
    public abstract string Kind { get; }
}

/// <summary>`exact`: the exact score of the case's `data` (the default).</summary>
public sealed record ExactScoreSpec : ScoreSpec
{
    public override string Kind => "exact";
}

/// <summary>`mixed`: lambda s1 + (1 - lambda) s2 of two data blocks; lambda &gt;= 0 (lambda &gt; 1 is guidance).</summary>
public sealed record MixedScoreSpec(double Lambda, DataSpec First, DataSpec Second) : ScoreSpec
{
    public override string Kind => "mixed";
}

/// <summary>
/// `grid-file`: a score sampled at this grid's cell centres, HDF5 `/t` [M] and <see cref="Dataset"/> [M, nx] (1D) or
/// [M, nx, ny, 2] (2D); <see cref="Times"/> and <see cref="Values"/> hold the loaded table.
/// </summary>
public sealed record GridFileScoreSpec(string File, string Dataset, double[]? Times = null, double[]? Values = null)
    : ScoreSpec
{
    public override string Kind => "grid-file";
}

/// <summary>Terminal data v_T (`terminal` block).</summary>
public abstract record TerminalSpec
{
    public abstract string Kind { get; }
}

/// <summary>`heat`: v_T = u(., T), whose exact solution is v(t) = u(t) (the default).</summary>
public sealed record HeatTerminalSpec : TerminalSpec
{
    public override string Kind => "heat";
}

/// <summary>`gaussian`: v_T = N(mean, variance I).</summary>
public sealed record GaussianTerminalSpec(double[] Mean, double Variance) : TerminalSpec
{
    public override string Kind => "gaussian";
}

/// <summary>`file`: cell averages of v_T from an HDF5 file ([nx] or [nx, ny]); <see cref="Values"/> once loaded.</summary>
public sealed record FileTerminalSpec(string File, string Dataset, double[]? Values = null) : TerminalSpec
{
    public override string Kind => "file";
}

/// <summary>`grid`: <see cref="Box"/> is one [lower, upper] pair per dimension, <see cref="Cells"/> one count per dimension.</summary>
public sealed record GridSpec(double[][] Box, int[] Cells);

/// <summary>Time-grid spacing.</summary>
public enum TimeSpacing
{
    /// <summary>t_n = T (t_min/T)^(n/K), n = 0..K.</summary>
    Geometric,

    /// <summary>steps chosen so that max|b| dtau / h &lt;= courant.</summary>
    Adaptive,
}

/// <summary>
/// `time`: the run goes from <see cref="T"/> down to <see cref="TMin"/> (0 &lt; t_min &lt; T) in <see cref="Steps"/>
/// geometric steps (default 200), or adaptively with Courant number <see cref="Courant"/> (default 1).
/// </summary>
public sealed record TimeSpec(double T, double TMin, int Steps, TimeSpacing Spacing, double Courant);

/// <summary>Face flux of the transport term.</summary>
public enum TransportKind
{
    /// <summary>first-order upwind, F = b+ v_L + b- v_R (the default).</summary>
    Upwind,

    /// <summary>exponentially fitted Scharfetter-Gummel flux (reduces to upwind as eps -> 0).</summary>
    ScharfetterGummel,
}

/// <summary>How the 2D step is split.</summary>
public enum SplittingKind
{
    /// <summary>x-sweep then y-sweep, each with the full step (the default).</summary>
    Lie,

    /// <summary>half x-sweep, full y-sweep, half x-sweep.</summary>
    Strang,

    /// <summary>the unsplit 5-point operator, solved by BiCGStab with ILU(0): the reference for the splitting error.</summary>
    None,
}

/// <summary>`scheme`: transport flux and (2D) splitting.</summary>
public sealed record SchemeSpec(TransportKind Transport, SplittingKind Splitting);

/// <summary>
/// `output`: the HDF5 <see cref="Path"/> (default output/NAME.h5), the number of <see cref="Snapshots"/> (default 21,
/// at least 2: T and t_min) and the snapshot <see cref="Fields"/> (any of v, u, score; default all).
/// </summary>
public sealed record OutputSpec(string Path, int Snapshots, string[] Fields);

/// <summary>`diagnostics`: exponents p for L^p norms (default 1, 2, 4, inf) and concentration radii delta.</summary>
public sealed record DiagnosticsSpec(double[] P, double[] Deltas);

/// <summary>`particles` (for `fpgrid sample`): see SPEC.md.</summary>
public sealed record ParticlesSpec(int Count, int Seed, double[][]? StartPoints, string Method, int Steps, int Store);
