using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Simulations;

namespace FokkerPlanckGrid.Verification;

/// <summary>
/// Observes a run and records, at every time level, what the theorems of MATH.md section 3 speak about: L^p norms
/// with the continuous and the discrete bound, KL in both directions against the exact u(t) (cell averages),
/// KL(v_h || u_h) against the companion u_h, the relative Fisher information, the Li-Yau margins and the concentration
/// on neighbourhoods of the support. Buffers are made once.
/// </summary>
public sealed class TheoremTracker : ISimulationObserver
{
    private readonly Grid _grid;
    private readonly IDataDistribution _data;
    private readonly IScore _score;
    private readonly double _eps, _tMax;
    private readonly double[] _p;
    private readonly double[]? _uh;
    private readonly bool _analyticDivergence;
    private readonly Concentration _concentration;
    private readonly double[] _u;
    private readonly double[] _discreteFactors;
    private readonly FaceField _initialFaces;
    private double[] _initialNorms = [];
    private double _tPrevious;

    /// <param name="grid">the grid</param>
    /// <param name="data">u0 (exact u(t) for KL, Fisher and concentration)</param>
    /// <param name="score">the score driving the run</param>
    /// <param name="analyticDivergence">true when the score is the exact score of <paramref name="data"/></param>
    /// <param name="eps">eps</param>
    /// <param name="tMax">T</param>
    /// <param name="p">the exponents (+inf allowed)</param>
    /// <param name="deltas">the concentration radii</param>
    /// <param name="uh">the companion u_h advanced by the same steps, or null</param>
    public TheoremTracker(Grid grid, IDataDistribution data, IScore score, bool analyticDivergence, double eps, double tMax,
        IReadOnlyList<double> p, IReadOnlyList<double> deltas, double[]? uh)
    {
        _grid = grid;
        _data = data;
        _score = score;
        _analyticDivergence = analyticDivergence;
        _eps = eps;
        _tMax = tMax;
        _p = p.ToArray();
        _uh = uh;
        _concentration = new Concentration(grid, data, deltas);
        _u = new double[grid.CellCount];
        _discreteFactors = Enumerable.Repeat(1.0, _p.Length).ToArray();
        _initialFaces = new FaceField(grid);
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
            _score.EvaluateFaces(_grid, t, _initialFaces);
            faces = _initialFaces;
        }
        else
        {
            faces = stepper.FaceScores;
            double dtau = _tPrevious - t;
            foreach (var sweep in stepper.Sweeps)
            {
                double c = (1 + _eps) * (sweep.Axis < 0 ? _grid.Dimension : 1) / (2 * t);
                for (int k = 0; k < _p.Length; k++)
                    _discreteFactors[k] *= LpBounds.DiscreteFactor(sweep.Fraction * dtau, c, _p[k]);
            }
        }
        _tPrevious = t;
        s.LpNorm.Add(norms);
        s.LpBound.Add(_p.Select((p, k) => _initialNorms[k] * LpBounds.ContinuousFactor(_grid.Dimension, _eps, p, _tMax, t)).ToArray());
        s.LpDiscreteBound.Add(_p.Select((p, k) => _initialNorms[k] * _discreteFactors[k]).ToArray());

        CellAverages.Of(_data, _grid, t, _u);
        s.LpNormExact.Add(_p.Select(p => Norms.Lp(_u, _grid.CellVolume, p)).ToArray());
        if ((_data as DiracMixture ?? (_data as CurveMeasure)?.Nodes) is { } dirac)
        {
            var (lo, hi) = HessianBounds.CovarianceRange(dirac, _grid, t);
            double r = dirac.SupportRadius();
            double scale = r > 0 ? r * r : 1;
            s.Hessian.Add((lo / scale, hi / scale));
        }
        s.KlVU.Add(KullbackLeibler.Of(v, _u));
        s.KlUV.Add(KullbackLeibler.Of(_u, v));
        if (_uh is not null) s.KlVUh.Add(KullbackLeibler.Of(v, _uh));
        s.FisherVU.Add(FisherInformation.Relative(_grid, v, _u));

        double perDirection = 1 / (2 * t);
        double discrete = double.PositiveInfinity, interior = double.PositiveInfinity;
        for (int axis = 0; axis < _grid.Dimension; axis++)
        {
            discrete = Math.Min(discrete, LiYau.MinFaceDifference(_grid, faces, axis, zeroWalls: true) + perDirection);
            interior = Math.Min(interior, LiYau.MinFaceDifference(_grid, faces, axis, zeroWalls: false) + perDirection);
        }
        s.LiYauDiscreteMargin.Add(discrete);
        double maxScore = Math.Max(Norms.MaxAbs(faces.X), Norms.MaxAbs(faces.Y));
        s.LiYauDiscreteTolerance.Add(4 * Math.Pow(2, -52) * maxScore / _grid.Axes.Min(a => a.H));
        s.LiYauMargin.Add(_analyticDivergence ? LiYau.AnalyticMargin(_data, _grid, t) : interior);

        var conc = new double[_concentration.Deltas.Length];
        _concentration.Measure(v, conc);
        s.Concentration.Add(conc);
        var exact = new double[_concentration.Deltas.Length];
        _concentration.Measure(_u, exact);
        s.ConcentrationExact.Add(exact);
    }

    public void OnSnapshot(int index, double t, double[] v) { }
}
