using System.Numerics;
using FokkerPlanckGrid.Particles;

namespace FokkerPlanckGrid.Tests.Particles;

/// <summary>
/// The counter-based generator: the vector form draws the scalar form's bits, streams are distinct, and the variates
/// have the moments they should. Statistical assertions use fixed seeds (so they are deterministic) and bounds of
/// five standard errors (a correct generator fails one with probability below 1e-6).
/// </summary>
public class CounterRngTests
{
    [Fact]
    public void VectorNormalPair_DrawsTheScalarBits_AndAgreesToRounding()
    {
        ulong state = CounterRng.SeedState(42);
        int vc = Vector<double>.Count;
        var keys = new ulong[vc];
        for (int lane = 0; lane < vc; lane++) keys[lane] = CounterRng.ParticleKey(state, 1000 + lane);
        for (ulong stream = 0; stream < 50; stream++)
        {
            CounterRng.NormalPair(new Vector<ulong>(keys), stream, 0, out var z0, out var z1);
            for (int lane = 0; lane < vc; lane++)
            {
                var (s0, s1) = CounterRng.NormalPair(keys[lane], stream, 0);
                Assert.Equal(s0, z0[lane], 1e-13);
                Assert.Equal(s1, z1[lane], 1e-13);
            }
        }
    }

    [Fact]
    public void Streams_OfDifferentParticlesStepsAndSeeds_AreDifferent()
    {
        var seen = new HashSet<ulong>();
        foreach (long seed in new long[] { 1, 2, -1 })
        {
            ulong state = CounterRng.SeedState(seed);
            for (long p = 0; p < 100; p++)
            {
                ulong key = CounterRng.ParticleKey(state, p);
                for (ulong n = 0; n < 20; n++)
                    for (int j = 0; j < 4; j++)
                        Assert.True(seen.Add(CounterRng.Bits(key, CounterRng.Counter(n, j))));
            }
        }
    }

    [Fact]
    public void Uniforms_HaveTheMeanAndVarianceOfU01()
    {
        ulong key = CounterRng.ParticleKey(CounterRng.SeedState(7), 3);
        const int n = 200_000;
        double sum = 0, sq = 0, min = 1, max = 0;
        for (int i = 0; i < n; i++)
        {
            double u = CounterRng.Uniform(CounterRng.Bits(key, (ulong)i + 1));
            sum += u;
            sq += u * u;
            min = Math.Min(min, u);
            max = Math.Max(max, u);
        }
        double mean = sum / n, variance = sq / n - mean * mean;
        Assert.InRange(mean, 0.5 - 5 * Math.Sqrt(1.0 / 12 / n), 0.5 + 5 * Math.Sqrt(1.0 / 12 / n));
        Assert.InRange(variance, 1.0 / 12 - 5 * Math.Sqrt(1.0 / 180 / n), 1.0 / 12 + 5 * Math.Sqrt(1.0 / 180 / n));
        Assert.True(min >= 0 && max < 1);
    }

    /// <summary>Across particles (the direction the sampler uses them): mean 0, variance 1, no correlation between the pair.</summary>
    [Fact]
    public void Normals_AcrossParticles_HaveStandardMoments_AndUncorrelatedPairs()
    {
        ulong state = CounterRng.SeedState(11);
        const int n = 200_000;
        double s0 = 0, s1 = 0, q0 = 0, q1 = 0, c01 = 0, cSteps = 0;
        for (int p = 0; p < n; p++)
        {
            ulong key = CounterRng.ParticleKey(state, p);
            var (a, b) = CounterRng.NormalPair(key, 5, 0);
            var (next, _) = CounterRng.NormalPair(key, 6, 0);
            s0 += a; s1 += b; q0 += a * a; q1 += b * b; c01 += a * b; cSteps += a * next;
        }
        double se = 5 / Math.Sqrt(n), seVar = 5 * Math.Sqrt(2.0 / n);
        Assert.InRange(s0 / n, -se, se);
        Assert.InRange(s1 / n, -se, se);
        Assert.InRange(q0 / n, 1 - seVar, 1 + seVar);
        Assert.InRange(q1 / n, 1 - seVar, 1 + seVar);
        Assert.InRange(c01 / n, -se, se);
        Assert.InRange(cSteps / n, -se, se);
    }

    [Fact]
    public void CounterRandom_DrawsTheParticlesStartStream_AndRefusesToWrap()
    {
        var random = new CounterRandom(3);
        random.Reset(17, CounterRng.StartStream);
        ulong key = CounterRng.ParticleKey(CounterRng.SeedState(3), 17);
        Assert.Equal(CounterRng.Uniform(CounterRng.Bits(key, CounterRng.Counter(CounterRng.StartStream, 0))), random.NextDouble());
        for (int i = 1; i < CounterRng.DrawsPerStream; i++) random.NextDouble();
        Assert.Throws<InvalidOperationException>(() => random.NextDouble());
    }
}
