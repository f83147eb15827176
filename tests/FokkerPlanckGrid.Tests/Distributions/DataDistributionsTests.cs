using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;

namespace FokkerPlanckGrid.Tests.Distributions;

public class DataDistributionsTests
{
    [Fact]
    public void From_MapsEverySpecKind_ToItsDistribution()
    {
        Assert.IsType<DiracMixture>(DataDistributions.From(new DiracMixtureSpec([[0.0], [1.0]], [1, 3])));
        Assert.IsType<GaussianMixture>(DataDistributions.From(
            new GaussianMixtureSpec([[0.0, 0.0]], [[[1.0, 0.2], [0.2, 0.5]]], [1.0])));
        var box = Assert.IsType<UniformBox>(DataDistributions.From(new UniformBoxSpec([[-1.0, 1.0], [0.0, 2.0]])));
        Assert.Equal(2, box.Dimension);
        Assert.Equal(2.0, box.Upper(1));
        var curve = Assert.IsType<CurveMeasure>(DataDistributions.From(new CurveSpec("lemniscate", 1.0, 0, [0.0, 0.0])));
        Assert.Equal(DataDistributions.DefaultCurveNodes, curve.Nodes.Count);
        var samples = Assert.IsType<DiracMixture>(
            DataDistributions.From(new SamplesSpec(null, null, null, 0, 0, [[1.0, 2.0], [3.0, 4.0]])));
        Assert.Equal(2, samples.Count);
    }

    [Fact]
    public void Samples_FromAnotherDistribution_AreReproducibleForAFixedSeed()
    {
        var from = new GaussianMixtureSpec([[0.0]], [[[1.0]]], [1.0]);
        var a = (DiracMixture)DataDistributions.From(new SamplesSpec(null, null, from, 50, 7));
        var b = (DiracMixture)DataDistributions.From(new SamplesSpec(null, null, from, 50, 7));
        var c = (DiracMixture)DataDistributions.From(new SamplesSpec(null, null, from, 50, 8));
        Assert.Equal(50, a.Count);
        Assert.Equal(Enumerable.Range(0, 50).Select(k => a.Point(k, 0)), Enumerable.Range(0, 50).Select(k => b.Point(k, 0)));
        Assert.NotEqual(a.Point(0, 0), c.Point(0, 0));
    }

    [Fact]
    public void Samples_WithNeitherPointsNorFrom_Throw() =>
        Assert.Throws<ArgumentException>(() => DataDistributions.From(new SamplesSpec("f.h5", "x", null, 10, 1)));

    [Fact]
    public void UnknownCurveShape_Throws() =>
        Assert.Throws<ArgumentException>(() => DataDistributions.From(new CurveSpec("trefoil", 1.0, 64, [0.0, 0.0])));
}
