namespace FokkerPlanckGrid.Cases;

/// <summary>The data distribution u0 (`data` block; key `kind`).</summary>
public abstract record DataSpec
{
    /// <summary>The `kind` value of the case file.</summary>
    public abstract string Kind { get; }
}

/// <summary>`dirac-mixture`: u0 = sum_k w_k delta_{y_k}. Weights are normalised to sum 1.</summary>
public sealed record DiracMixtureSpec(double[][] Points, double[] Weights) : DataSpec
{
    public override string Kind => "dirac-mixture";
}

/// <summary>
/// `gaussian-mixture`: u0 = sum_k w_k N(mu_k, Sigma_k). <see cref="Covariances"/> holds one d x d matrix per component
/// (a case file may give `variances`, scalars meaning Sigma = variance * I, instead of `covariances`).
/// </summary>
public sealed record GaussianMixtureSpec(double[][] Means, double[][][] Covariances, double[] Weights) : DataSpec
{
    public override string Kind => "gaussian-mixture";
}

/// <summary>`uniform-box`: u0 uniform on the box (one [lower, upper] pair per dimension).</summary>
public sealed record UniformBoxSpec(double[][] Box) : DataSpec
{
    public override string Kind => "uniform-box";
}

/// <summary>
/// `curve`: the normalised arc-length measure on a closed plane curve, `shape` = `lemniscate` (of Bernoulli,
/// half-width <see cref="Scale"/>) or `circle` (radius <see cref="Scale"/>), centred at <see cref="Center"/>;
/// u and s by Gauss-Legendre quadrature with <see cref="Nodes"/> nodes (default 512).
/// </summary>
public sealed record CurveSpec(string Shape, double Scale, int Nodes, double[] Center) : DataSpec
{
    public override string Kind => "curve";
}

/// <summary>
/// `samples`: an empirical measure (equal weights). Either read from an HDF5 <see cref="File"/> / <see cref="Dataset"/>
/// ([n, d] array), or drawn <see cref="Count"/> times with <see cref="Seed"/> from another data block
/// <see cref="From"/>. <see cref="Points"/> holds the resolved points once loaded.
/// </summary>
public sealed record SamplesSpec(string? File, string? Dataset, DataSpec? From, int Count, int Seed, double[][]? Points = null)
    : DataSpec
{
    public override string Kind => "samples";
}
