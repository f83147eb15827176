using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Simulations;

namespace FokkerPlanckGrid.Verification;

/// <summary>
/// Observes a run and records, at every time level, what the theorems of MATH.md section 3 speak about: L^p norms
/// with the continuous and the discrete bound, KL in both directions against the exact u(t) (cell averages; KL(v || u)
/// and I(v | u) with log u in log space where u underflows, <see cref="LogCellAverages"/>, so they are finite whenever
/// the exact ones are; KL(u || v) is +inf where v vanishes in floating point while u does not),
/// KL(v_h || u_h) against the companion u_h, the relative Fisher information, the Li-Yau margins and the concentration
/// on neighbourhoods of the support. For a score other than the exact one (Remark 5.4) also I(u | v) and the score
/// mismatch int |s - s_theta|^2 u dx at cell centres. Buffers are made once.
/// <para>
/// For the Ornstein-Uhlenbeck forward process (the `forward` argument) the same statements are measured in OU time
/// with the process's own constants (<see cref="ForwardProcess"/>): Li-Yau div s &gt;= -d rho(t), the discrete bound of
/// the transport faces b/(1+eps) &gt;= -(rho(t) - 1/(1+eps)) per direction (the discrete L^p factors use the same c), and
/// Theorem 3.1's OU form; the `data` argument is then the OU laws, so u(t) stands for w(t) throughout.
/// </para>
/// </summary>
public sealed class TheoremTracker : ISimulationObserver
{
    private readonly Grid _grid;
    private readonly IDataDistribution _data;
    private readonly IScore _score;
    private readonly double _eps, _tMax;
    private readonly double[] _p;
    private readonly double[]? _uh;
    private readonly bool _exactScore;
    private readonly Concentration _concentration;
    private readonly double[] _u, _logU;
    private readonly double[] _discreteFactors;
    private readonly FaceField _initialFaces;
    private readonly ExactScore _dataScore;
    private readonly ForwardProcess _forward;
    private readonly IScore _transport;
    private readonly Divergence? _divergence;   // div s in closed form, when known and not tabulated
    private readonly SoftmaxCovariance? _dataCovariance;   // Dirac or curve data: Cov_t at the centres (Hessian bounds)
    private readonly CenterDivergence? _centerDivergence;  // div s at the centres from tables, for scores of Dirac mixtures
    private readonly double[] _divergenceAtCenters, _covarianceScratch;
    private readonly double[] _sX, _sY, _thetaX, _thetaY;   // s and s_theta at cell centres (empty when exact)
    private double[] _initialNorms = [];
    private double _tPrevious;

    /// <param name="grid">the grid</param>
    /// <param name="data">u0 (exact u(t) for KL, Fisher and concentration)</param>
    /// <param name="score">the score driving the run</param>
    /// <param name="exactScore">true when the score is the exact score of <paramref name="data"/>: Li-Yau is then
    /// measured analytically, and the Remark 5.4 series (I(u | v), score mismatch) are not recorded</param>
    /// <param name="eps">eps</param>
    /// <param name="tMax">T</param>
    /// <param name="p">the exponents (+inf allowed)</param>
    /// <param name="deltas">the concentration radii</param>
    /// <param name="uh">the companion u_h advanced by the same steps, or null</param>
    /// <param name="forward">the forward process (default: the heat flow)</param>
    public TheoremTracker(Grid grid, IDataDistribution data, IScore score, bool exactScore, double eps, double tMax,
        IReadOnlyList<double> p, IReadOnlyList<double> deltas, double[]? uh, ForwardProcess? forward = null)
    {
        _forward = forward ?? ForwardProcess.Heat;
        _transport = _forward.Transport(score, eps);
        var dirac = data as DiracMixture ?? (data as CurveMeasure)?.Nodes;
        _dataCovariance = dirac is null ? null : new SoftmaxCovariance(dirac, grid);
        _centerDivergence = exactScore
            ? (_dataCovariance is { } own ? new CenterDivergence.Tables(own) : null)
            : CenterDivergence.Of(score, grid, dirac, _dataCovariance);   // (the OU laws are not a DiracMixture: closed form below)
        _divergence = _centerDivergence is not null ? null : exactScore ? data.DivScore : AnalyticDivergence(score);
        _divergenceAtCenters = _centerDivergence is null ? [] : new double[grid.CellCount];
        _covarianceScratch = _dataCovariance is null || exactScore ? [] : new double[grid.CellCount];
        _grid = grid;
        _data = data;
        _score = score;
        _exactScore = exactScore;
        _eps = eps;
        _tMax = tMax;
        _p = p.ToArray();
        _uh = uh;
        _concentration = new Concentration(grid, data, deltas);
        _u = new double[grid.CellCount];
        _logU = new double[grid.CellCount];
        _discreteFactors = Enumerable.Repeat(1.0, _p.Length).ToArray();
        _initialFaces = new FaceField(grid);
        _dataScore = new ExactScore(data);
        int n = exactScore ? 0 : grid.CellCount, ny = grid.Dimension == 2 ? n : 0;
        (_sX, _sY, _thetaX, _thetaY) = (new double[n], new double[ny], new double[n], new double[ny]);
        Series = new DiagnosticSeries();
    }

    public DiagnosticSeries Series { get; }
    public IReadOnlyList<double> P => _p;
    public IReadOnlyList<double> Deltas => _concentration.Deltas;

    public void OnLevel(int step, double t, double[] v, IStepper stepper)
    {
        var s = Series;
        s.Time.Add(t);
        var norms = _p.Select(p => Norms.Lp(v, _grid.CellVolume, p)).ToArray();
        FaceField faces;
        if (step == 0)
        {
            _initialNorms = norms;
            _transport.EvaluateFaces(_grid, t, _initialFaces);
            faces = _initialFaces;
        }
        else
        {
            faces = stepper.FaceScores;
            double dtau = _tPrevious - t;
            foreach (var sweep in stepper.Sweeps)
            {
                double c = (1 + _eps) * (sweep.Axis < 0 ? _grid.Dimension : 1) * _forward.TransportCurvatureBound(t, _eps);
                for (int k = 0; k < _p.Length; k++)
                    _discreteFactors[k] *= LpBounds.DiscreteFactor(sweep.Fraction * dtau, c, _p[k]);
            }
        }
        _tPrevious = t;
        s.LpNorm.Add(norms);
        s.LpBound.Add(_p.Select((p, k) => _initialNorms[k] * _forward.LpGrowth(_grid.Dimension, _eps, p, _tMax, t)).ToArray());
        s.LpDiscreteBound.Add(_p.Select((p, k) => _initialNorms[k] * _discreteFactors[k]).ToArray());

        LogCellAverages.Of(_data, _grid, t, _u, _logU);
        s.LpNormExact.Add(_p.Select(p => Norms.Lp(_u, _grid.CellVolume, p)).ToArray());
        // div s at the centres; for the exact score of Dirac data the same pass gives the covariance range (Hessian bounds)
        var range = _centerDivergence?.Fill(t, _divergenceAtCenters, _dataCovariance);
        if (_dataCovariance is { } covariance)
        {
            var (lo, hi) = range ?? covariance.Evaluate(t, _covarianceScratch);
            double r = covariance.Data.SupportRadius();
            double scale = r > 0 ? r * r : 1;
            s.Hessian.Add((lo / scale, hi / scale));
        }
        s.KlVU.Add(KullbackLeibler.Of(v, _u, _logU));
        s.KlUV.Add(KullbackLeibler.Of(_u, v));
        if (_uh is not null) s.KlVUh.Add(KullbackLeibler.Of(v, _uh));
        s.FisherVU.Add(FisherInformation.Relative(_grid, v, _u, _logU));
        if (!_exactScore)
        {
            s.FisherUV.Add(FisherInformation.Relative(_grid, _u, v));
            s.ScoreMismatch.Add(ScoreMismatch(t));
        }

        double perDirection = _forward.TransportCurvatureBound(t, _eps);
        double discrete = double.PositiveInfinity, interior = double.PositiveInfinity;
        for (int axis = 0; axis < _grid.Dimension; axis++)
        {
            discrete = Math.Min(discrete, LiYau.MinFaceDifference(_grid, faces, axis, zeroWalls: true) + perDirection);
            interior = Math.Min(interior, LiYau.MinFaceDifference(_grid, faces, axis, zeroWalls: false) + perDirection);
        }
        s.LiYauDiscreteMargin.Add(discrete);
        // rounding of the face values: u |s| each, plus u |c x| for the linear drift's share (OU), which may cancel with s
        double maxScore = Math.Max(Norms.MaxAbs(faces.X), Norms.MaxAbs(faces.Y));
        double maxDrift = 2 * _forward.LinearDrift / (1 + _eps) * _grid.Axes.Max(a => Math.Max(Math.Abs(a.Lower), Math.Abs(a.Upper)));
        s.LiYauDiscreteTolerance.Add(4 * Math.Pow(2, -52) * (maxScore + maxDrift) / _grid.Axes.Min(a => a.H));
        s.LiYauMargin.Add(_centerDivergence is not null
            ? LiYau.AnalyticMargin(_divergenceAtCenters, _grid.Dimension, _forward.CurvatureBound(t))
            : _divergence is { } div ? LiYau.AnalyticMargin(div, _grid, t, _forward.CurvatureBound(t)) : interior);

        var conc = new double[_concentration.Deltas.Length];
        _concentration.Measure(v, conc);
        s.Concentration.Add(conc);
        var exact = new double[_concentration.Deltas.Length];
        _concentration.Measure(_u, exact);
        s.ConcentrationExact.Add(exact);
    }

    /// <summary>
    /// div s at every cell centre for a score made of Dirac-mixture scores, from the separable tables of
    /// <see cref="SoftmaxCovariance"/> (K multiply-adds per cell instead of K exponentials): a mixture's exact score, or
    /// lambda div s1 + (1 - lambda) div s2 of two such, combined cell by cell as <see cref="AnalyticDivergence"/> combines
    /// them point by point (so the values are the same to rounding).
    /// </summary>
    private abstract class CenterDivergence
    {
        /// <summary>
        /// Writes div s at the centres; returns the covariance range of <paramref name="wanted"/> when one of its tables
        /// is that one (evaluated anyway), else null.
        /// </summary>
        public abstract (double, double)? Fill(double t, double[] dest, SoftmaxCovariance? wanted);

        /// <summary>For a score built of Dirac-mixture scores (the data's own tables reused), else null.</summary>
        public static CenterDivergence? Of(IScore score, Grid grid, DiracMixture? data, SoftmaxCovariance? dataCovariance)
        {
            DiracMixture? mixture = score switch
            {
                DiracMixtureScore d => d.Data,
                ExactScore { Data: DiracMixture d } => d,
                ExactScore { Data: CurveMeasure c } => c.Nodes,
                _ => null,
            };
            if (mixture is not null)
                return new Tables(ReferenceEquals(mixture, data) && dataCovariance is not null ? dataCovariance : new SoftmaxCovariance(mixture, grid));
            if (score is MixedScore m && Of(m.First, grid, data, dataCovariance) is { } a && Of(m.Second, grid, data, dataCovariance) is { } b)
                return new Mix(m.Lambda, a, b, new double[grid.CellCount]);
            return null;
        }

        public sealed class Tables(SoftmaxCovariance covariance) : CenterDivergence
        {
            public override (double, double)? Fill(double t, double[] dest, SoftmaxCovariance? wanted)
            {
                var range = covariance.Evaluate(t, dest);
                return ReferenceEquals(covariance, wanted) ? range : null;
            }
        }

        private sealed class Mix(double lambda, CenterDivergence first, CenterDivergence second, double[] scratch) : CenterDivergence
        {
            public override (double, double)? Fill(double t, double[] dest, SoftmaxCovariance? wanted)
            {
                var a = first.Fill(t, dest, wanted);
                var b = second.Fill(t, scratch, wanted);
                for (int c = 0; c < dest.Length; c++) dest[c] = lambda * dest[c] + (1 - lambda) * scratch[c];
                return a ?? b;
            }
        }
    }

    /// <summary>
    /// div s in closed form for the exact score of a distribution, and for a mixture of two such scores
    /// (lambda div s1 + (1 - lambda) div s2); null otherwise (a tabulated score: face differences are used instead).
    /// </summary>
    private static Divergence? AnalyticDivergence(IScore score) => score switch
    {
        DiracMixtureScore d => d.Data.DivScore,
        GaussianMixtureScore g => g.Data.DivScore,
        ExactScore e => e.Data.DivScore,
        MixedScore m when AnalyticDivergence(m.First) is { } a && AnalyticDivergence(m.Second) is { } b =>
            (x, t) => m.Lambda * a(x, t) + (1 - m.Lambda) * b(x, t),
        _ => null,
    };

    /// <summary>
    /// sum_c |s(x_c, t) - s_theta(x_c, t)|^2 u_c / sum_c u_c: int |s - s_theta|^2 u dx by the midpoint rule, with u
    /// normalised to unit mass in the box as KL and the Fisher information are.
    /// </summary>
    private double ScoreMismatch(double t)
    {
        CenterSampling.Sample(_dataScore, _grid, t, _sX, _sY);
        CenterSampling.Sample(_score, _grid, t, _thetaX, _thetaY);
        double sum = 0, mass = 0;
        for (int c = 0; c < _u.Length; c++)
        {
            double dx = _sX[c] - _thetaX[c], d2 = dx * dx;
            if (_sY.Length > 0) { double dy = _sY[c] - _thetaY[c]; d2 += dy * dy; }
            sum += d2 * _u[c];
            mass += _u[c];
        }
        return sum / mass;
    }

    public void OnSnapshot(int index, double t, double[] v) { }
}
