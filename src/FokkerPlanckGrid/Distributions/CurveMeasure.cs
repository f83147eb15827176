using MathNet.Numerics.Integration;

namespace FokkerPlanckGrid.Distributions;

/// <summary>
/// u0 = the normalised arc-length measure on a closed plane curve gamma(theta), theta in [0, 2 pi), centred at c:
/// <list type="bullet">
/// <item><c>lemniscate</c> of Bernoulli, half-width a: gamma = c + (a cos th, a sin th cos th)/(1 + sin^2 th),
///   |gamma'(th)| = a / sqrt(1 + sin^2 th);</item>
/// <item><c>circle</c> of radius r: gamma = c + r (cos th, sin th), |gamma'| = r.</item>
/// </list>
/// The heat flow u(x,t) = (1/L) int G_t(x - gamma(th)) |gamma'(th)| dth (L the length) is computed by composite
/// Gauss-Legendre quadrature in th (panels of 8 nodes): u0 is replaced by
/// <code>
///   u0_N = sum_j w_j delta_{gamma(th_j)},   w_j proportional to (GL weight_j) |gamma'(th_j)|,  sum_j w_j = 1,
/// </code>
/// which is exactly a weighted <see cref="DiracMixture"/>; u, s, div s and <see cref="MassInBox"/> are that mixture's
/// (stable for every t, Li-Yau exact). The quadrature converges spectrally once sqrt(2t) exceeds the node spacing;
/// below it (t &lt; <see cref="MinResolvedTime"/>) u(., t) resolves the individual nodes, not the curve.
/// </summary>
public sealed class CurveMeasure : IDataDistribution
{
    /// <summary>Gauss-Legendre nodes per panel.</summary>
    public const int NodesPerPanel = 8;

    private readonly DiracMixture _nodes;
    private readonly double[] _cumulativeLength;   // arc length at theta = 2 pi k / TableSize
    private const int TableSize = 4096;
    private static readonly GaussLegendreRule Fine = new(-1, 1, 16);

    /// <param name="shape">"lemniscate" or "circle"</param>
    /// <param name="scale">half-width a (lemniscate) or radius r (circle), &gt; 0</param>
    /// <param name="nodes">total quadrature nodes, rounded up to a multiple of <see cref="NodesPerPanel"/> (&gt;= 8)</param>
    /// <param name="center">centre offset (length 2)</param>
    public CurveMeasure(string shape, double scale, int nodes, IReadOnlyList<double> center)
    {
        Shape = shape switch
        {
            "lemniscate" or "circle" => shape,
            _ => throw new ArgumentException($"unknown curve shape '{shape}' (expected lemniscate or circle)"),
        };
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentException($"curve scale {scale} must be positive");
        if (nodes < 1) throw new ArgumentException($"curve needs at least one quadrature node, got {nodes}");
        if (center.Count != 2 || !double.IsFinite(center[0]) || !double.IsFinite(center[1]))
            throw new ArgumentException("curve centre must be two finite numbers");
        Scale = scale;
        CenterX = center[0];
        CenterY = center[1];

        int panels = (nodes + NodesPerPanel - 1) / NodesPerPanel;
        var rule = new GaussLegendreRule(-1, 1, NodesPerPanel);
        double width = 2 * Math.PI / panels;
        var points = new double[panels * NodesPerPanel][];
        var weights = new double[panels * NodesPerPanel];
        for (int p = 0; p < panels; p++)
            for (int i = 0; i < NodesPerPanel; i++)
            {
                double th = (p + 0.5) * width + 0.5 * width * rule.Abscissas[i];
                var (gx, gy) = Gamma(th);
                points[p * NodesPerPanel + i] = [gx, gy];
                weights[p * NodesPerPanel + i] = rule.Weights[i] * Speed(th);
            }
        _nodes = new DiracMixture(points, weights);
        double gap = 0;
        for (int j = 0; j < points.Length; j++)
        {
            var a = points[j];
            var b = points[(j + 1) % points.Length];
            gap = Math.Max(gap, Math.Sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1])));
        }
        NodeSpacing = gap;

        // Arc-length table for exact sampling: 16-point GL per cell of width 2 pi / TableSize (rounding-exact).
        var fine = Fine;
        _cumulativeLength = new double[TableSize + 1];
        double h = 2 * Math.PI / TableSize;
        for (int k = 0; k < TableSize; k++)
            _cumulativeLength[k + 1] = _cumulativeLength[k] + ArcLength(k * h, (k + 1) * h, fine);
        Length = _cumulativeLength[TableSize];
    }

    public string Shape { get; }
    public double Scale { get; }
    public double CenterX { get; }
    public double CenterY { get; }

    /// <summary>The curve's length L.</summary>
    public double Length { get; }

    /// <summary>The quadrature measure u0_N (a weighted Dirac mixture on the nodes).</summary>
    public DiracMixture Nodes => _nodes;

    /// <summary>Largest Euclidean distance between consecutive quadrature nodes (cyclically).</summary>
    public double NodeSpacing { get; }

    /// <summary>
    /// t below which the quadrature is not trusted: sqrt(2t) = 2 <see cref="NodeSpacing"/>. For a Gaussian of standard
    /// deviation sigma sampled at spacing h the quadrature error behaves like exp(-2 pi^2 sigma^2/h^2), about 1e-34 at
    /// sigma = 2h, so above this time u is the curve's heat flow to rounding; below it u shows the nodes as bumps.
    /// </summary>
    public double MinResolvedTime => 2 * NodeSpacing * NodeSpacing;

    /// <summary>Whether the quadrature resolves the curve at time t (t &gt;= <see cref="MinResolvedTime"/>).</summary>
    public bool IsResolved(double t) => t >= MinResolvedTime;

    public int Dimension => 2;

    /// <summary>False: the mass is the node mixture's closed form, exact for u0_N but a quadrature of u0.</summary>
    public bool HasClosedFormMass => false;

    public double LogDensity(ReadOnlySpan<double> x, double t) => _nodes.LogDensity(x, t);
    public void Score(ReadOnlySpan<double> x, double t, Span<double> score) => _nodes.Score(x, t, score);
    public double DivScore(ReadOnlySpan<double> x, double t) => _nodes.DivScore(x, t);

    /// <summary>Writes s(x,t) and returns div s(x,t).</summary>
    public double ScoreAndDivergence(ReadOnlySpan<double> x, double t, Span<double> score) =>
        _nodes.ScoreAndDivergence(x, t, score);

    public double MassInBox(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, double t) =>
        _nodes.MassInBox(lower, upper, t);

    /// <summary>gamma(theta) (centre included).</summary>
    public (double X, double Y) Gamma(double theta)
    {
        double c = Math.Cos(theta), s = Math.Sin(theta);
        if (Shape == "circle") return (CenterX + Scale * c, CenterY + Scale * s);
        double den = 1 + s * s;
        return (CenterX + Scale * c / den, CenterY + Scale * s * c / den);
    }

    /// <summary>|gamma'(theta)|.</summary>
    public double Speed(double theta)
    {
        if (Shape == "circle") return Scale;
        double s = Math.Sin(theta);
        return Scale / Math.Sqrt(1 + s * s);
    }

    /// <summary>The curve's bounding box: centre ± (r, r) (circle), centre ± (a, a/(2 sqrt 2)) (lemniscate).</summary>
    public (double[] Lower, double[] Upper) SupportBounds
    {
        get
        {
            double hy = Shape == "circle" ? Scale : Scale / (2 * Math.Sqrt(2));
            return ([CenterX - Scale, CenterY - hy], [CenterX + Scale, CenterY + hy]);
        }
    }

    /// <summary>
    /// Distance from x to the curve: the minimum of |x - gamma| over 2048 equally spaced theta, then golden-section
    /// refinement of |x - gamma(theta)| (not its square, which is flat at a root) around each of the three best sampled
    /// local minima. Accurate to rounding (~1e-12 of the scale or better).
    /// </summary>
    public double DistanceToSupport(ReadOnlySpan<double> x)
    {
        const int m = 2048;
        double px = x[0], py = x[1];
        double Dist(double th)
        {
            var (gx, gy) = Gamma(th);
            return Math.Sqrt((gx - px) * (gx - px) + (gy - py) * (gy - py));
        }
        double h = 2 * Math.PI / m;
        var values = new double[m];
        for (int i = 0; i < m; i++) values[i] = Dist(i * h);
        var minima = new List<int>();
        for (int i = 0; i < m; i++)
            if (values[i] <= values[(i + m - 1) % m] && values[i] <= values[(i + 1) % m]) minima.Add(i);
        minima.Sort((i, j) => values[i].CompareTo(values[j]));
        double best = values[minima[0]];
        foreach (int i in minima.Take(3))
        {
            double a = (i - 1) * h, b = (i + 1) * h;
            const double invPhi = 0.6180339887498949;
            double c = b - invPhi * (b - a), d = a + invPhi * (b - a);
            double fc = Dist(c), fd = Dist(d);
            for (int it = 0; it < 200 && b - a > 1e-15; it++)
            {
                if (fc <= fd)
                {
                    b = d; d = c; fd = fc;
                    c = b - invPhi * (b - a); fc = Dist(c);
                }
                else
                {
                    a = c; c = d; fc = fd;
                    d = a + invPhi * (b - a); fd = Dist(d);
                }
            }
            best = Math.Min(best, Math.Min(fc, fd));
        }
        return best;
    }

    /// <summary>
    /// Exact arc-length sampling: U ~ U(0,1), then theta with s(theta) = U L by inverse interpolation of the tabulated
    /// cumulative length (4096 cells, each integrated by 16-point Gauss-Legendre) refined by Newton's method on
    /// s(theta) - U L (s' = |gamma'|) within the cell. The draw is exact up to rounding, not a sample of the nodes.
    /// </summary>
    public void Sample(Random random, Span<double> x)
    {
        double target = random.NextDouble() * Length;
        int k = Array.BinarySearch(_cumulativeLength, target);
        if (k < 0) k = ~k - 1;
        k = Math.Clamp(k, 0, TableSize - 1);
        double h = 2 * Math.PI / TableSize, th0 = k * h;
        var rule = Fine;
        double rem = target - _cumulativeLength[k];
        double th = th0 + h * rem / (_cumulativeLength[k + 1] - _cumulativeLength[k]);
        for (int it = 0; it < 8; it++)
        {
            double step = (ArcLength(th0, th, rule) - rem) / Speed(th);
            th = Math.Clamp(th - step, th0, th0 + h);
            if (Math.Abs(step) < 1e-15) break;
        }
        var (gx, gy) = Gamma(th);
        x[0] = gx;
        x[1] = gy;
    }

    private double ArcLength(double a, double b, GaussLegendreRule rule)
    {
        double c = 0.5 * (a + b), hw = 0.5 * (b - a), sum = 0;
        for (int i = 0; i < rule.Order; i++) sum += rule.Weights[i] * Speed(c + hw * rule.Abscissas[i]);
        return hw * sum;
    }
}
