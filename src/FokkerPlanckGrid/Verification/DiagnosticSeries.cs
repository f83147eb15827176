namespace FokkerPlanckGrid.Verification;

/// <summary>
/// The theorem diagnostics of a run, one entry per time level (T first): the datasets of SPEC's /diagnostics group.
/// Arrays indexed [level, p] or [level, delta] are lists of rows.
/// </summary>
public sealed class DiagnosticSeries
{
    public List<double> Time { get; } = [];

    /// <summary>||v(t)||_p for each p.</summary>
    public List<double[]> LpNorm { get; } = [];

    /// <summary>The Theorem 3.1 bound (T/t)^gamma ||v_T||_p.</summary>
    public List<double[]> LpBound { get; } = [];

    /// <summary>The discrete bound ||v_T||_p prod_k factor_k (derived in LpBounds).</summary>
    public List<double[]> LpDiscreteBound { get; } = [];

    public List<double> KlVU { get; } = [];
    public List<double> KlUV { get; } = [];

    /// <summary>KL(v_h || u_h), u_h the discrete solution from u(T) by the same steps (empty when not tracked).</summary>
    public List<double> KlVUh { get; } = [];

    public List<double> FisherVU { get; } = [];

    /// <summary>I(u | v) = int u |grad log(u/v)|^2 dx, the Fisher information of Remark 5.4 (empty for the exact score).</summary>
    public List<double> FisherUV { get; } = [];

    /// <summary>int |s - s_theta|^2 u dx at cell centres, s the exact score, s_theta the driving one (empty for the exact score).</summary>
    public List<double> ScoreMismatch { get; } = [];

    /// <summary>min div s + d/(2t): analytic where the score has a closed-form divergence, else discrete (interior).</summary>
    public List<double> LiYauMargin { get; } = [];

    /// <summary>min over sweeps and cells of the face difference + 1/(2t) (score units), walls as zero flux.</summary>
    public List<double> LiYauDiscreteMargin { get; } = [];

    /// <summary>Rounding allowance of the discrete margin, 4 u max|s| / h.</summary>
    public List<double> LiYauDiscreteTolerance { get; } = [];

    /// <summary>||u(t)||_p of the exact cell averages (the sharp reference for Dirac data, eps = 0, v_T = u(T)).</summary>
    public List<double[]> LpNormExact { get; } = [];

    /// <summary>For Dirac-mixture data: min over cells of lambda_min(Cov_t) / R^2 and max of lambda_max(Cov_t) / R^2 (5.4; R = 0: unscaled).</summary>
    public List<(double MinOverR2, double MaxOverR2)> Hessian { get; } = [];

    public List<double[]> Concentration { get; } = [];

    /// <summary>u(t)(U_delta) of the exact heat flow on the same cells, for comparison.</summary>
    public List<double[]> ConcentrationExact { get; } = [];

    public int Count => Time.Count;
}
