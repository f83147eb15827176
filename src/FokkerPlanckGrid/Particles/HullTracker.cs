namespace FokkerPlanckGrid.Particles;

/// <summary>
/// Watches d(X_t, K), K the convex hull of supp u0, for every particle at every level, against Theorem 3.11's bound
/// d(X_t, K) &lt;= sqrt(t/T) d(X_T, K) and against the method's own discrete factor (see <see cref="ParticleSampler"/>:
/// sqrt(t/T) for exact-mean-shift and Heun, prod (1 + q_n)/2 for Euler). Per particle it keeps d(X_T, K), the largest
/// excess d(X_t, K) - f(t) d(X_T, K) over the levels for both factors, and the largest |coordinate| reached (the scale
/// of the rounding). Each particle's state is written only by the block that owns it, so concurrent blocks need no lock.
/// </summary>
public sealed class HullTracker : IParticleObserver
{
    private readonly ConvexHull _hull;
    private readonly double[] _levels;
    private readonly double[] _continuous, _discrete;   // factor per level
    private readonly double[] _d0, _excess, _excessDiscrete, _reach;

    /// <param name="hull">K</param>
    /// <param name="count">N</param>
    /// <param name="levels">the sampler's time levels, T first</param>
    /// <param name="method">the step, which fixes the discrete factor</param>
    public HullTracker(ConvexHull hull, int count, IReadOnlyList<double> levels, ParticleMethod method)
    {
        _hull = hull;
        _levels = levels.ToArray();
        int m = levels.Count;
        _continuous = new double[m];
        _discrete = new double[m];
        _discrete[0] = 1;
        for (int n = 0; n < m; n++)
        {
            _continuous[n] = Math.Sqrt(levels[n] / levels[0]);
            if (n > 0)
                _discrete[n] = method == ParticleMethod.EulerMaruyama
                    ? _discrete[n - 1] * (1 + levels[n] / levels[n - 1]) / 2
                    : _continuous[n];
        }
        _d0 = new double[count];
        _excess = new double[count];
        _excessDiscrete = new double[count];
        _reach = new double[count];
    }

    public ConvexHull Hull => _hull;

    public void OnLevel(int level, double t, long first, int count, ReadOnlySpan<double> x0, ReadOnlySpan<double> x1)
    {
        if (t != _levels[level]) throw new InvalidOperationException("the tracker was made for another run's time levels");
        bool two = _hull.Dimension == 2;
        double f = _continuous[level], g = _discrete[level];
        for (int i = 0; i < count; i++)
        {
            long p = first + i;
            double d = two ? _hull.Distance2D(x0[i], x1[i]) : _hull.Distance1D(x0[i]);
            double reach = Math.Max(Math.Abs(x0[i]), two ? Math.Abs(x1[i]) : 0);
            if (level == 0)
            {
                _d0[p] = d;
                _excess[p] = _excessDiscrete[p] = double.NegativeInfinity;
                _reach[p] = reach;
                continue;
            }
            _excess[p] = Math.Max(_excess[p], d - f * _d0[p]);
            _excessDiscrete[p] = Math.Max(_excessDiscrete[p], d - g * _d0[p]);
            _reach[p] = Math.Max(_reach[p], reach);
        }
    }

    /// <summary>d(X_T, K) of particle p.</summary>
    public double StartDistance(long p) => _d0[p];

    /// <summary>max over levels after T of d(X_t, K) - sqrt(t/T) d(X_T, K), particle p (NaN if it broke down).</summary>
    public double Excess(long p) => _excess[p];

    /// <summary>The same against the method's discrete factor.</summary>
    public double DiscreteExcess(long p) => _excessDiscrete[p];

    /// <summary>max |coordinate| of particle p over the run.</summary>
    public double Reach(long p) => _reach[p];

    public int Count => _d0.Length;
}
