using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using FokkerPlanckGrid.Scores;

namespace FokkerPlanckGrid.Particles;

/// <summary>
/// Moves N particles from t = T down to t_min along the generative SDE (2.7) — the probability-flow ODE (3.8) when
/// eps = 0 — with the same score and time levels as the grid solver, so that their law can be compared with the
/// grid's v(t). The methods are those of <see cref="ParticleMethod"/>; all are written with the mean-shift displacement
/// delta = m - x = 2t s (<see cref="IMeanShiftKernel"/>). Per step, with q = t'/t, dt = t - t':
/// <code>
///   exact-mean-shift   X' = X + (1 - q^{(1+eps)/2}) delta(X, t) + sqrt(2 t' (1 - q^eps)) xi
///   euler-maruyama     X' = X + c delta(X, t) + sqrt(2 eps dt) xi,                   c  = (1+eps) dt / (2t)
///   heun               X~ = X + c delta(X, t) + sqrt(2 eps dt) xi,
///                      X' = X + (c delta(X, t) + c' delta(X~, t')) / 2 + sqrt(2 eps dt) xi,   c' = (1+eps) dt / (2t')
/// </code>
/// (1 - q^a is evaluated as -expm1(a log q) by Kahan's formula, a few ulps: no cancellation for small steps. MathNet's
/// SpecialFunctions.Expm1 is not used: it is off by 1e-8 relative for |x| &lt; 0.1.)
/// <para>
/// <b>Exactness of the first.</b> With m frozen, dX = -(1+eps)(m - X)/(2t) dt + sqrt(2 eps) dW is linear: Y = X - m
/// solves, in reversed time, an Ornstein–Uhlenbeck equation whose transition from t to t' is
/// Y' = q^{(1+eps)/2} Y + N(0, 2t'(1 - q^eps)) (the variance check: composing two steps reproduces the closed form of
/// MATH.md section 2). For one Dirac m = y exactly, so the law at t_min is exact for any number of steps.
/// </para>
/// <para>
/// <b>The convex-hull bound (Theorem 3.11) holds exactly for eps = 0.</b> Let K be the convex hull of supp u0 and
/// d(., K) the distance to it. For a Dirac-type score m(x, t) = sum_k p_k y_k is a convex combination, m in K.
/// <list type="bullet">
/// <item>exact-mean-shift: X' - m = r (X - m), r = sqrt(q). Let p = proj_K(X). The point m + r (p - m) lies in K
///   (K is convex and holds m and p) and its distance to X' is r |X - p| = r d(X, K); so d(X', K) &lt;= r d(X, K) and,
///   multiplying over the steps, d(X_t, K) &lt;= sqrt(t/T) d(X_T, K) — the continuous bound itself, at every level.</item>
/// <item>heun: eliminating X~ = ((1+q)/2) X + ((1-q)/2) m1 (m1 = m(X, t), m2 = m(X~, t')) gives
///   X' = alpha X + beta m1 + gamma m2 with alpha = 1 - (1-q)/4 - (1-q^2)/(8q), beta = (1-q)/4 - (1-q)^2/(8q),
///   gamma = (1-q)/(4q), alpha + beta + gamma = 1. For q &gt;= 1/3 all three are &gt;= 0, so X' = alpha X + (1 - alpha) k
///   with k in K, and d(X', K) &lt;= alpha d(X, K). Writing q = r^2, 8q (sqrt(q) - alpha) = (1 - r)^3 (3r + 1) &gt;= 0:
///   alpha &lt;= sqrt(q), so Heun keeps the continuous bound too (whenever every step has q &gt;= 1/3).</item>
/// <item>euler-maruyama: X' = ((1+q)/2) X + ((1-q)/2) m, so d(X', K) &lt;= ((1+q)/2) d(X, K); but (1+q)/2 &gt;= sqrt(q)
///   (AM-GM), so Euler keeps only its own discrete bound prod (1+q_n)/2, which exceeds sqrt(t/T) by a factor
///   1 + O(dt): the continuous bound is not guaranteed.</item>
/// </list>
/// With eps &gt; 0 the noise can push a particle away from K: no pathwise bound. In floating point m is a convex
/// combination only up to rounding (a few ulps of the atoms' size per step), which is the allowance the check uses.
/// </para>
/// <para>
/// <b>Reproducibility.</b> Particles are cut into blocks of <see cref="BlockLength"/>; a block goes through all steps
/// on one worker (its positions stay in cache), blocks run in parallel. Every random variate comes from
/// <see cref="CounterRng"/> keyed by (seed, particle, step, draw), every particle takes the same vector code path
/// (blocks are padded to whole vectors), so the end points are bit-identical for any thread count and any N that
/// contains the particle. No allocation per particle or step: the scratch is made once per worker.
/// </para>
/// </summary>
public sealed class ParticleSampler
{
    /// <summary>Particles per block (a multiple of any Vector&lt;double&gt;.Count).</summary>
    public const int BlockLength = 256;

    /// <summary>Default cap on the number of stored trajectories.</summary>
    public const int DefaultMaxStored = 4096;

    private readonly IScore _score;
    private readonly IParticleStart _start;
    private readonly double[] _levels;

    /// <param name="score">the score s(x, t); defined on [t_min, T]</param>
    /// <param name="start">where particles start at T</param>
    /// <param name="method">the step</param>
    /// <param name="eps">eps &gt;= 0</param>
    /// <param name="levels">time levels from T down to t_min, strictly decreasing, all &gt; 0</param>
    public ParticleSampler(IScore score, IParticleStart start, ParticleMethod method, double eps, double[] levels)
    {
        if (start.Dimension != score.Dimension) throw new ArgumentException("start points and score differ in dimension");
        if (!(eps >= 0) || !double.IsFinite(eps)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "must be >= 0");
        if (levels.Length < 2) throw new ArgumentException("at least two time levels");
        for (int n = 0; n < levels.Length; n++)
            if (!(levels[n] > 0) || !double.IsFinite(levels[n]) || (n > 0 && !(levels[n] < levels[n - 1])))
                throw new ArgumentException("time levels must be finite, > 0 and strictly decreasing");
        if ((ulong)levels.Length >= CounterRng.StartStream) throw new ArgumentException("too many time levels");
        _score = score;
        _start = start;
        Method = method;
        Eps = eps;
        _levels = (double[])levels.Clone();
    }

    public ParticleMethod Method { get; }
    public double Eps { get; }
    public int Dimension => _score.Dimension;

    /// <summary>The time levels, T down to t_min.</summary>
    public IReadOnlyList<double> Levels => _levels;

    /// <summary>
    /// Runs <paramref name="count"/> particles. Stores <paramref name="storedLevels"/> levels (evenly in the step index,
    /// T and t_min included; at most K + 1) of at most <paramref name="maxStored"/> particles (every stride-th).
    /// <para>
    /// With <paramref name="coarsen"/> = f &gt; 1 the run takes every f-th level only (K/f steps) but keeps the noise of
    /// the fine run: the normal of coarse step n is composed from the fine variates of steps nf .. nf + f - 1, with the
    /// weights that make it the same Brownian path — Euler and Heun: sigma sqrt(dt) xi = sum_j sqrt(2 eps dt_j) xi_j;
    /// exact mean shift: sum_j sigma_j prod_{k &gt; j} r_k xi_j, the composition of the fine Ornstein–Uhlenbeck
    /// transitions (whose variances add up to the coarse one exactly). The coarse and fine runs are then coupled, and
    /// their difference measures the time-stepping error without the noise of independent draws.
    /// </para>
    /// </summary>
    public ParticleRun Run(int count, long seed, int storedLevels, int maxStored = DefaultMaxStored, int threads = 0,
        IParticleObserver? observer = null, ParticleProgress? progress = null, int coarsen = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(storedLevels, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStored, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(coarsen, 1);
        if ((_levels.Length - 1) % coarsen != 0)
            throw new ArgumentException($"{_levels.Length - 1} steps cannot be coarsened by {coarsen}");
        var plan = new Plan(this, coarsen);
        int steps = plan.Levels.Length - 1, dim = Dimension;
        var stored = StoredLevelIndices(steps, storedLevels);
        var slotOfLevel = Enumerable.Repeat(-1, steps + 1).ToArray();
        for (int s = 0; s < stored.Length; s++) slotOfLevel[stored[s]] = s;
        int stride = (int)((count + (long)maxStored - 1) / maxStored);
        int storedCount = (int)((count + (long)stride - 1) / stride);
        var trajectories = new double[(long)stored.Length * storedCount * dim];
        var end = new double[(long)count * dim];
        int blocks = (count + BlockLength - 1) / BlockLength;
        ulong seedState = CounterRng.SeedState(seed);
        int breakdown = int.MaxValue;
        var clock = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : -1 };
        Parallel.For(0, blocks, options, () => new Scratch(this, seed),
            (b, _, scratch) =>
            {
                var job = new BlockJob(b * BlockLength, Math.Min(BlockLength, count - b * BlockLength), stride, storedCount,
                    slotOfLevel, trajectories, end);
                int broke = RunBlock(job, scratch, seedState, plan, observer);
                if (broke < int.MaxValue) InterlockedMin(ref breakdown, broke);
                progress?.Add(job.Count);
                return scratch;
            },
            _ => { });
        return new ParticleRun(dim, count, seed, (double[])plan.Levels.Clone(), stored, stride, storedCount, trajectories, end,
            clock.Elapsed.TotalSeconds, breakdown == int.MaxValue ? null : breakdown);
    }

    /// <summary>Stored level indices: round(s K / (M - 1)), s = 0..M-1, M = min(count, K + 1).</summary>
    public static int[] StoredLevelIndices(int steps, int count)
    {
        int m = Math.Min(count, steps + 1);
        var set = new SortedSet<int>();
        for (int s = 0; s < m; s++) set.Add((int)Math.Round((double)s * steps / (m - 1)));
        return [.. set];
    }

    /// <summary>The per-step coefficients of one run: coefficient of delta (and of delta~ for Heun), noise weights.</summary>
    private sealed class Plan
    {
        public readonly double[] Levels, A, A2, W;   // W[n * Factor + j]: weight of fine stream n * Factor + j
        public readonly int Factor;

        public Plan(ParticleSampler sampler, int factor)
        {
            var fine = sampler._levels;
            double eps = sampler.Eps;
            Factor = factor;
            int k = (fine.Length - 1) / factor;
            Levels = Enumerable.Range(0, k + 1).Select(n => fine[n * factor]).ToArray();
            A = new double[k];
            A2 = new double[k];
            W = new double[k * factor];
            for (int n = 0; n < k; n++)
            {
                double t = Levels[n], tNew = Levels[n + 1], dt = t - tNew, logQ = Math.Log(tNew / t);
                if (sampler.Method == ParticleMethod.ExactMeanShift) A[n] = -Expm1(0.5 * (1 + eps) * logQ);
                else
                {
                    A[n] = (1 + eps) * dt / (2 * t);
                    A2[n] = (1 + eps) * dt / (2 * tNew);
                }
                double carry = 1;   // exact mean shift: prod over the later fine steps of r_k
                for (int j = factor - 1; j >= 0; j--)
                {
                    double s = fine[n * factor + j], sNew = fine[n * factor + j + 1], lq = Math.Log(sNew / s);
                    if (sampler.Method == ParticleMethod.ExactMeanShift)
                    {
                        W[n * factor + j] = carry * Math.Sqrt(-2 * sNew * Expm1(eps * lq));
                        carry *= Math.Exp(0.5 * (1 + eps) * lq);
                    }
                    else W[n * factor + j] = Math.Sqrt(2 * eps * (s - sNew));
                }
            }
        }

        /// <summary>The noise of step n for the lanes from i: sum_j W[n, j] xi(stream n f + j).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public bool Noise(ulong[] keys, int n, int i, out Vector<double> z0, out Vector<double> z1)
        {
            z0 = z1 = Vector<double>.Zero;
            bool any = false;
            for (int j = 0; j < Factor; j++)
            {
                double w = W[n * Factor + j];
                if (w == 0) continue;
                CounterRng.NormalPair(Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(keys), (nuint)i),
                    (ulong)(n * Factor + j), 0, out var a, out var b);
                z0 += new Vector<double>(w) * a;
                z1 += new Vector<double>(w) * b;
                any = true;
            }
            return any;
        }
    }

    private readonly record struct BlockJob(long First, int Count, int Stride, int StoredCount, int[] SlotOfLevel,
        double[] Trajectories, double[] End);

    /// <summary>Per-worker buffers, made once.</summary>
    private sealed class Scratch
    {
        public readonly double[] X0 = new double[BlockLength], X1 = new double[BlockLength];
        public readonly double[] D0 = new double[BlockLength], D1 = new double[BlockLength];
        public readonly double[] P0 = new double[BlockLength], P1 = new double[BlockLength];   // Heun predictor
        public readonly double[] E0 = new double[BlockLength], E1 = new double[BlockLength];   // Heun delta~
        public readonly double[] Z0 = new double[BlockLength], Z1 = new double[BlockLength];   // Heun's xi
        public readonly ulong[] Keys = new ulong[BlockLength];
        public readonly IMeanShiftKernel Kernel;
        public readonly CounterRandom Random;

        public Scratch(ParticleSampler sampler, long seed)
        {
            Kernel = MeanShiftKernels.For(sampler._score, BlockLength);
            Random = new CounterRandom(seed);
        }
    }

    /// <summary>One block through every step; returns the first level with a non-finite particle (or int.MaxValue).</summary>
    private int RunBlock(BlockJob job, Scratch s, ulong seedState, Plan plan, IParticleObserver? observer)
    {
        int dim = Dimension, steps = plan.Levels.Length - 1, vc = Vector<double>.Count;
        Span<double> x = stackalloc double[2];
        Array.Clear(s.X0);
        Array.Clear(s.X1);
        for (int i = 0; i < BlockLength; i++) s.Keys[i] = CounterRng.ParticleKey(seedState, job.First + i);
        for (int i = 0; i < job.Count; i++)
        {
            s.Random.Reset(job.First + i, CounterRng.StartStream);
            _start.Draw(job.First + i, s.Random, x[..dim]);
            s.X0[i] = x[0];
            if (dim == 2) s.X1[i] = x[1];
        }
        int broke = int.MaxValue;
        if (!Finite(s, job.Count)) broke = 0;
        Observe(0, plan.Levels[0], job, s, observer);
        var x1 = dim == 2 ? s.X1.AsSpan() : Span<double>.Empty;
        var d1 = dim == 2 ? s.D1.AsSpan() : Span<double>.Empty;
        for (int n = 0; n < steps; n++)
        {
            double t = plan.Levels[n], tNew = plan.Levels[n + 1], a = plan.A[n];
            s.Kernel.Displacement(s.X0, x1, t, s.D0, d1);
            if (Method == ParticleMethod.Heun)
            {
                var p1 = dim == 2 ? s.P1.AsSpan() : Span<double>.Empty;
                var e1 = dim == 2 ? s.E1.AsSpan() : Span<double>.Empty;
                for (int i = 0; i < BlockLength; i += vc)
                {
                    plan.Noise(s.Keys, n, i, out var z0, out var z1);
                    z0.CopyTo(s.Z0, i);
                    z1.CopyTo(s.Z1, i);
                    (new Vector<double>(s.X0, i) + new Vector<double>(a) * new Vector<double>(s.D0, i) + z0).CopyTo(s.P0, i);
                    if (dim == 2)
                        (new Vector<double>(s.X1, i) + new Vector<double>(a) * new Vector<double>(s.D1, i) + z1).CopyTo(s.P1, i);
                }
                s.Kernel.Displacement(s.P0, p1, tNew, s.E0, e1);
                var half = new Vector<double>(0.5);
                var va = new Vector<double>(a);
                var va2 = new Vector<double>(plan.A2[n]);
                for (int i = 0; i < BlockLength; i += vc)
                {
                    (new Vector<double>(s.X0, i) + half * (va * new Vector<double>(s.D0, i) + va2 * new Vector<double>(s.E0, i))
                        + new Vector<double>(s.Z0, i)).CopyTo(s.X0, i);
                    if (dim == 2)
                        (new Vector<double>(s.X1, i) + half * (va * new Vector<double>(s.D1, i) + va2 * new Vector<double>(s.E1, i))
                            + new Vector<double>(s.Z1, i)).CopyTo(s.X1, i);
                }
            }
            else
            {
                var va = new Vector<double>(a);
                for (int i = 0; i < BlockLength; i += vc)
                {
                    var y0 = new Vector<double>(s.X0, i) + va * new Vector<double>(s.D0, i);
                    var y1 = dim == 2 ? new Vector<double>(s.X1, i) + va * new Vector<double>(s.D1, i) : Vector<double>.Zero;
                    if (plan.Noise(s.Keys, n, i, out var z0, out var z1))
                    {
                        y0 += z0;
                        y1 += z1;
                    }
                    y0.CopyTo(s.X0, i);
                    if (dim == 2) y1.CopyTo(s.X1, i);
                }
            }
            if (broke == int.MaxValue && !Finite(s, job.Count)) broke = n + 1;
            Observe(n + 1, plan.Levels[n + 1], job, s, observer);
        }
        for (int i = 0; i < job.Count; i++)
        {
            long row = (job.First + i) * dim;
            job.End[row] = s.X0[i];
            if (dim == 2) job.End[row + 1] = s.X1[i];
        }
        return broke;
    }

    private void Observe(int level, double t, BlockJob job, Scratch s, IParticleObserver? observer)
    {
        int dim = Dimension;
        observer?.OnLevel(level, t, job.First, job.Count, s.X0.AsSpan(0, job.Count),
            dim == 2 ? s.X1.AsSpan(0, job.Count) : ReadOnlySpan<double>.Empty);
        int slot = job.SlotOfLevel[level];
        if (slot < 0) return;
        long firstStored = (job.First + job.Stride - 1) / job.Stride;   // first stored particle index at or after First
        for (long k = firstStored; k * job.Stride < job.First + job.Count; k++)
        {
            int i = (int)(k * job.Stride - job.First);
            long o = ((long)slot * job.StoredCount + k) * dim;
            job.Trajectories[o] = s.X0[i];
            if (dim == 2) job.Trajectories[o + 1] = s.X1[i];
        }
    }

    private bool Finite(Scratch s, int count)
    {
        double acc = 0;
        for (int i = 0; i < count; i++) acc += s.X0[i] * 0;
        if (Dimension == 2)
            for (int i = 0; i < count; i++) acc += s.X1[i] * 0;
        return acc == 0;   // x * 0 is NaN exactly for NaN and +-Inf
    }

    /// <summary>e^x - 1 to a few ulps (Kahan: (u - 1) x / log u with u = e^x cancels the rounding of u).</summary>
    internal static double Expm1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1) return x;
        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    private static void InterlockedMin(ref int target, int value)
    {
        int current = Volatile.Read(ref target);
        while (value < current)
        {
            int seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
