using FokkerPlanckGrid.Convergence;
using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FokkerPlanckGrid.Tests.Measures;

/// <summary>The gamma-Voronoi cores: the exact sandwich that makes them grow to the Voronoi cells at first order in t.</summary>
public class VoronoiCoresTests
{
    public sealed record CoreCase(MixtureSpec Data, double T, double Gamma, double X, double Y)
    {
        public override string ToString() => $"{Data}, t {T:R}, gamma {Gamma:R}, x ({X:R}, {Y:R})";
    }

    private static Gen<CoreCase> Cases =>
        from data in Generators.Mixture([-3, -3], [3, 3])
        from t in Generators.LogUniform(1e-4, 10)
        from gamma in Generators.Uniform(0.5, 0.999)
        from x in Generators.Uniform(-4, 4)
        from y in Generators.Uniform(-4, 4)
        select new CoreCase(data, t, gamma, x, y);

    /// <summary>M_k(inner) ⊂ C_k(t) ⊂ M_k(outer) at every point, for every mixture, t and gamma in [1/2, 1).</summary>
    [Property(MaxTest = 500)]
    public Property Core_LiesBetweenItsMarginCores() => Prop.ForAll(Arb.From(Cases), c =>
    {
        var data = c.Data.ToMixture();
        Span<double> p = stackalloc double[data.Count];
        double[] x = [c.X, c.Y];
        int core = VoronoiCores.CoreOf(data, x, c.T, c.Gamma, p);
        for (int k = 0; k < data.Count; k++)
        {
            if (VoronoiCores.InMarginCore(data, k, x, c.T, c.Gamma, inner: true)) Assert.Equal(k, core);
            if (core == k) Assert.True(VoronoiCores.InMarginCore(data, k, x, c.T, c.Gamma, inner: false), $"core {k} outside its outer margin core");
        }
        Assert.Equal(1.0, p[..data.Count].ToArray().Sum(), 12);
    });

    /// <summary>With equal weights a point of a core (gamma &gt;= 1/2) is nearest to that core's atom: C_k ⊂ V_k.</summary>
    [Property(MaxTest = 300)]
    public Property Core_WithEqualWeights_LiesInItsVoronoiCell() => Prop.ForAll(Arb.From(Cases), c =>
    {
        var data = DiracMixture.Uniform(c.Data.Points);
        Span<double> p = stackalloc double[data.Count];
        double[] x = [c.X, c.Y];
        int core = VoronoiCores.CoreOf(data, x, c.T, c.Gamma, p);
        if (core >= 0) Assert.Equal(VoronoiCores.NearestAtom(data, x), core);
    });

    /// <summary>The clipped Voronoi cells partition the box: their areas sum to its area.</summary>
    [Property(MaxTest = 200)]
    public Property VoronoiCells_PartitionTheBox() => Prop.ForAll(Arb.From(Generators.Mixture([-3, -3], [3, 3])), spec =>
    {
        var data = spec.ToMixture();
        double total = Enumerable.Range(0, data.Count).Sum(k => VoronoiCores.PolygonArea(VoronoiCores.VoronoiCell(data, k, -4, 4, -3.5, 5)));
        Assert.Equal(8 * 8.5, total, 9);
    });

    /// <summary>The share of a box in no core is O(t): observed order 1 (the sandwich's margins are linear in t).</summary>
    [Fact]
    public void UncoveredShare_FallsAtFirstOrderInT()
    {
        var data = new DiracMixture([[0.0, 0.0], [2.0, 1.0], [-1.8, 1.4], [-1.2, -1.9], [1.6, -1.5]], [0.3, 0.2, 0.2, 0.15, 0.15]);
        var grid = Grid.OnRectangle(-5, 5, 400, -5, 5, 400);
        double[] t = [0.08, 0.04, 0.02, 0.01];
        var census = t.Select(s => VoronoiCores.CensusOf(data, grid, s, 0.9)).ToArray();
        Assert.All(census, c => Assert.Equal(0, c.Violations));
        Assert.All(census, c => Assert.InRange(c.Uncovered, c.OutsideOuter, c.OutsideInner));
        Assert.All(census, c => Assert.Equal(1.0, c.CoreShares.Sum() + c.Uncovered, 12));
        double order = ObservedOrder.Fitted(t, census.Select(c => c.Uncovered).ToArray());
        Assert.InRange(order, 0.9, 1.1);
    }
}
