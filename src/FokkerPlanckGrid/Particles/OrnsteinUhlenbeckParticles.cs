using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Scores;

namespace FokkerPlanckGrid.Particles;

/// <summary>
/// Particles of the Ornstein–Uhlenbeck (variance-preserving, DDPM-style) forward process, obtained from the heat-flow
/// sampler by the self-similar map of MATH.md section 3.4 — <see cref="ParticleSampler"/>'s kernels are not touched.
/// <para>
/// <b>The SDE.</b> The grid solves dv/dtau + eps Lap v - div(b v) = 0, b = (1+eps) s_ou + x, from tau = T down to t_min
/// (<see cref="OrnsteinUhlenbeckProcess"/>). As (3.1) is the law of (2.7), dX = -(1+eps) s dt + sqrt(2 eps) dW run with t
/// decreasing, this equation is the law of
/// <code>
///   dY = -((1+eps) s_ou(Y, tau) + Y) dtau + sqrt(2 eps) dB_tau,   tau from T down to t_min,
/// </code>
/// i.e. in reversed time sigma = T - tau, dY = (Y + (1+eps) s_ou(Y, tau)) dsigma + sqrt(2 eps) dB_sigma (its forward
/// Kolmogorov equation in sigma is dv/dsigma + div(b v) = eps Lap v, the grid's equation in reversed time).
/// </para>
/// <para>
/// <b>The map (derivation by Ito's formula).</b> Let X solve (2.7) in heat time t, with the heat score s of the data,
/// and put a(t) = sqrt(2t + 1) = e^tau, i.e. t = (a^2 - 1)/2 = (e^{2 tau} - 1)/2, and Y = X / a. Then
/// da/dt = 1/a and dt = a^2 dtau. Y = f(X, t) = X / a(t) is linear in X, so Ito's formula has no second-order term:
/// <code>
///   dY = dX / a - X a'(t)/a^2 dt = dX / a - Y dt / a^2 = dX / a - Y dtau
///      = -(1+eps) a s(a Y, t) dtau + sqrt(2 eps) dW_t / a - Y dtau
///      = -((1+eps) s_ou(Y, tau) + Y) dtau + sqrt(2 eps) dB_tau,
/// </code>
/// using s_ou(y, tau) = a s(a y, t) (w(y, tau) = a^d u(a y, t)) and dB_tau = dW_t / a: its increments are independent,
/// centred, of variance |dt| / a^2 = |dtau| per coordinate, so B is a Brownian motion in tau (dW_t = a dB_tau). Hence
/// Y solves the OU backward SDE above, for every eps &gt;= 0 and every start; its law at tau is the grid's v(tau)
/// exactly when Y_T ~ v_T, i.e. X at t(T) ~ the push-forward of v_T by x -&gt; a_T x. So this type runs the heat
/// sampler at the mapped levels t_n = (e^{2 tau_n} - 1)/2 from the mapped start and divides every stored position at
/// level n by a_n = e^{tau_n} (the end points by a_N), reporting the levels in OU time tau_n. Starts map as: terminal
/// w(T) (`heat`) -&gt; u(t(T)) of the data (a_T times a draw of w(T) is a draw of u(t(T)) since w(., T) = a_T^d u(a_T ., t(T)));
/// N(m, s^2 I) -&gt; N(a_T m, a_T^2 s^2 I); given points and cell draws -&gt; scaled by a_T (<see cref="Scaled"/>).
/// </para>
/// <para>
/// <b>The methods.</b> exact-mean-shift is the exact transition of the frozen-mean-shift heat SDE; since the map is a
/// deterministic change of variables applied level by level, it is the exact transition of the OU SDE with the heat
/// mean shift m(a Y, t) frozen over the step. For one Dirac m = y is constant, so the law at t_min is exact for any
/// number of steps in OU too (tested). euler-maruyama and heun become Euler–Maruyama and Heun discretisations of
/// (2.7) in heat time, read back through the smooth map: consistent schemes for the OU SDE of the same order as in
/// the heat flow (the map is smooth and fixed, so the local errors are only multiplied by a_n^{-1} &lt;= 1), but not
/// the Euler/Heun steps of the OU SDE in tau. The guarantees of <see cref="ParticleSampler"/> are kept unchanged:
/// no allocation per particle or step, bit-identical end points for any thread count (the division by a_n is one
/// correctly rounded operation per coordinate, done after the run).
/// </para>
/// <para>
/// <b>Theorems in OU form.</b> The heat run's positions X_n = a_n Y_n at heat times t_n are kept by
/// <see cref="ParticleSampler"/>'s observers: Theorem 3.11 in OU form is d(e^tau Y_tau, K) &lt;= sqrt(t(tau)/t(T))
/// d(e^T Y_T, K), and the imitation rate |e^tau Y_tau - y_i| &lt;= C sqrt(t(tau)) — exactly what the heat-flow checks
/// measure on X, so they are judged on the heat-coordinate run (<see cref="Heat"/>), not on Y.
/// </para>
/// </summary>
public sealed class OrnsteinUhlenbeckParticles
{
    private readonly double[] _levels;   // OU times tau_n, T down to t_min
    private readonly double[] _scales;   // a_n = e^{tau_n}
    private readonly IScore _heatScore;
    private readonly IParticleStart _heatStart;

    /// <param name="heatScore">the heat-flow score of the data, s(x, t), defined on [t(t_min), t(T)]</param>
    /// <param name="heatStart">the start in heat coordinates (a_T times a draw of v_T; see <see cref="Scaled"/>)</param>
    /// <param name="method">the step</param>
    /// <param name="eps">eps &gt;= 0</param>
    /// <param name="levels">OU time levels from T down to t_min, strictly decreasing, all &gt; 0</param>
    public OrnsteinUhlenbeckParticles(IScore heatScore, IParticleStart heatStart, ParticleMethod method, double eps, double[] levels)
    {
        _levels = (double[])levels.Clone();
        _scales = _levels.Select(Math.Exp).ToArray();
        _heatScore = heatScore;
        _heatStart = heatStart;
        Heat = new ParticleSampler(heatScore, heatStart, method, eps, _levels.Select(OrnsteinUhlenbeckProcess.HeatTimeOf).ToArray());
    }

    /// <summary>The heat-flow sampler at the mapped levels t_n = (e^{2 tau_n} - 1)/2, in heat coordinates X = e^tau Y.</summary>
    public ParticleSampler Heat { get; }

    /// <summary>The OU time levels tau_n, T down to t_min.</summary>
    public IReadOnlyList<double> Levels => _levels;

    /// <summary>a_n = e^{tau_n}.</summary>
    public double Scale(int level) => _scales[level];

    /// <summary>The same particles with <paramref name="levels"/> instead (e.g. K/2 geometric OU levels).</summary>
    public OrnsteinUhlenbeckParticles WithLevels(double[] levels) => new(_heatScore, _heatStart, Heat.Method, Heat.Eps, levels);

    /// <summary>
    /// Runs the heat sampler (<see cref="ParticleSampler.Run"/>, same arguments; the observer sees heat coordinates
    /// and heat times) and returns the run mapped to OU (<see cref="ToOrnsteinUhlenbeck"/>).
    /// </summary>
    public ParticleRun Run(int count, long seed, int storedLevels, int maxStored = ParticleSampler.DefaultMaxStored, int threads = 0,
        IParticleObserver? observer = null, ParticleProgress? progress = null, int coarsen = 1) =>
        ToOrnsteinUhlenbeck(Heat.Run(count, seed, storedLevels, maxStored, threads, observer, progress, coarsen), coarsen);

    /// <summary>
    /// A run of <see cref="Heat"/> (with the same <paramref name="coarsen"/>) in OU coordinates: level n's time is
    /// tau_{n f}, every stored position at level n is divided by a_{n f} and the end points by a_N.
    /// </summary>
    public ParticleRun ToOrnsteinUhlenbeck(ParticleRun heat, int coarsen = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(coarsen, 1);
        if ((heat.Levels.Length - 1) * coarsen != _levels.Length - 1)
            throw new ArgumentException("the run does not have this sampler's levels");
        for (int n = 0; n < heat.Levels.Length; n++)
            if (heat.Levels[n] != Heat.Levels[n * coarsen]) throw new ArgumentException("the run does not have this sampler's levels");
        int d = heat.Dimension;
        var trajectories = new double[heat.Trajectories.Length];
        long perLevel = (long)heat.StoredCount * d;
        for (int s = 0; s < heat.StoredLevels.Length; s++)
        {
            double a = _scales[heat.StoredLevels[s] * coarsen];
            for (long k = s * perLevel; k < (s + 1) * perLevel; k++) trajectories[k] = heat.Trajectories[k] / a;
        }
        var end = new double[heat.End.Length];
        double aEnd = _scales[^1];
        const int chunk = 1 << 16;
        Parallel.For(0, (int)((end.LongLength + chunk - 1) / chunk), b =>
        {
            long from = (long)b * chunk, to = Math.Min(end.LongLength, from + chunk);
            for (long k = from; k < to; k++) end[k] = heat.End[k] / aEnd;
        });
        var levels = Enumerable.Range(0, heat.Levels.Length).Select(n => _levels[n * coarsen]).ToArray();
        return heat with { Levels = levels, Trajectories = trajectories, End = end };
    }

    /// <summary>A start multiplied by <paramref name="factor"/> (a_T: OU coordinates to heat coordinates).</summary>
    public static IParticleStart Scaled(IParticleStart start, double factor) => new ScaledStart(start, factor);

    private sealed class ScaledStart(IParticleStart start, double factor) : IParticleStart
    {
        public int Dimension => start.Dimension;

        public void Draw(long particle, CounterRandom random, Span<double> x)
        {
            start.Draw(particle, random, x);
            for (int c = 0; c < x.Length; c++) x[c] *= factor;
        }
    }
}
