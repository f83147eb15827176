using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Particles;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Time;

namespace FokkerPlanckGrid.Tests.Particles;

/// <summary>
/// The observers the validation studies read particles through: <see cref="LevelSnapshots"/> holds every particle at its
/// levels, bit for bit what the run stores there, at any thread count; <see cref="ParticleObservers.Combine"/> feeds each
/// observer every level.
/// </summary>
public class ParticleObserverTests
{
    private static ParticleSampler Sampler()
    {
        var data = new DiracMixture([[-1.0, 0.0], [1.0, 0.5], [0.2, -1.0]], [0.5, 0.3, 0.2]);
        var g = TimeGrid.Geometric(1, 0.01, 30);
        return new ParticleSampler(new DiracMixtureScore(data), ParticleStarts.Heat(data, 1), ParticleMethod.ExactMeanShift, 0.3,
            Enumerable.Range(0, 31).Select(g.Level).ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void LevelSnapshots_HoldEveryParticle_AsTheRunStoresIt(int threads)
    {
        var sampler = Sampler();
        var snapshots = new LevelSnapshots(700, 2, [0, 10, 20, 30]);
        var run = sampler.Run(700, 4, 4, maxStored: 700, threads: threads, observer: snapshots);   // stored levels 0, 10, 20, 30
        Assert.Equal([0, 10, 20, 30], run.StoredLevels);
        for (int s = 0; s < 4; s++)
        {
            Assert.Equal(run.Levels[run.StoredLevels[s]], snapshots.Times[s]);
            for (int p = 0; p < 700; p++)
                for (int c = 0; c < 2; c++) Assert.Equal(run.Stored(s, p, c), snapshots.Positions[s][2 * p + c]);
        }
        Assert.Equal(run.End, snapshots.Positions[3]);
        Assert.Equal(20, LevelSnapshots.IndexOf(sampler.Levels, sampler.Levels[20] * (1 + 1e-12)));
        Assert.Equal(-1, LevelSnapshots.IndexOf(sampler.Levels, 0.5 * (sampler.Levels[3] + sampler.Levels[4])));
    }

    [Fact]
    public void Combine_FeedsEveryObserver_AndDropsNulls()
    {
        var a = new LevelSnapshots(300, 2, [30]);
        var b = new LevelSnapshots(300, 2, [0, 30]);
        Assert.Null(ParticleObservers.Combine(null, null));
        Assert.Same(a, ParticleObservers.Combine(null, a));
        var run = Sampler().Run(300, 2, 2, observer: ParticleObservers.Combine(a, null, b));
        Assert.Equal(run.End, a.Positions[0]);
        Assert.Equal(run.End, b.Positions[1]);
    }
}
