using FokkerPlanckGrid.Distributions;

namespace FokkerPlanckGrid.Tests.Distributions;

/// <summary>One representative of every distribution kind, by name (for [Theory] data).</summary>
public static class TestDistributions
{
    public static readonly string[] Names =
    [
        "dirac-1d", "dirac-2d", "gaussian-1d", "gaussian-2d-diagonal", "gaussian-2d-full",
        "uniform-1d", "uniform-2d", "lemniscate", "circle",
    ];

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var n in Names) data.Add(n);
        return data;
    }

    public static readonly double[] Times = [1e-3, 1e-2, 0.1, 1, 10];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IDataDistribution> Cache = new();

    /// <summary>The named distribution (shared instances: distributions are immutable).</summary>
    public static IDataDistribution Create(string name) => Cache.GetOrAdd(name, Build);

    private static IDataDistribution Build(string name) => name switch
    {
        "dirac-1d" => new DiracMixture([[-1.0], [0.5], [2.0]], [0.2, 0.5, 0.3]),
        "dirac-2d" => new DiracMixture([[-1.0, 0.0], [1.0, 0.0], [0.2, 1.5]], [0.3, 0.3, 0.4]),
        "gaussian-1d" => GaussianMixture.Isotropic([[-1.0], [1.5]], [0.05, 0.3], [0.6, 0.4]),
        "gaussian-2d-diagonal" => new GaussianMixture([[-1.0, 0.0], [1.0, 0.5]],
            [[[0.1, 0.0], [0.0, 0.3]], [[0.02, 0.0], [0.0, 0.02]]], [0.5, 0.5]),
        "gaussian-2d-full" => new GaussianMixture([[-1.0, 0.0], [1.0, 0.5]],
            [[[0.2, 0.1], [0.1, 0.15]], [[0.05, -0.03], [-0.03, 0.04]]], [0.7, 0.3]),
        "uniform-1d" => new UniformBox([-1.0], [2.0]),
        "uniform-2d" => new UniformBox([-1.0, 0.0], [1.0, 0.5]),
        "lemniscate" => new CurveMeasure("lemniscate", 1.0, 256, [0.1, -0.2]),
        "circle" => new CurveMeasure("circle", 0.8, 256, [0.3, 0.1]),
        _ => throw new ArgumentException(name),
    };

    /// <summary>A random point in the support box widened by <paramref name="margin"/>.</summary>
    public static double[] RandomPoint(IDataDistribution dist, Random random, double margin)
    {
        var (lo, hi) = dist.SupportBounds;
        var x = new double[dist.Dimension];
        for (int d = 0; d < x.Length; d++) x[d] = lo[d] - margin + (hi[d] - lo[d] + 2 * margin) * random.NextDouble();
        return x;
    }
}
