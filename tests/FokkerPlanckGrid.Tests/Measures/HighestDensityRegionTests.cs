using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FokkerPlanckGrid.Tests.Measures;

/// <summary>The region holding a share q of the mass where the density is highest: its defining properties, exactly.</summary>
public class HighestDensityRegionTests
{
    private static Gen<(double[] V, double Q)> Cases(int maxCells) =>
        from n in Gen.Choose(1, maxCells)
        from v in Generators.Field(n, allowZeros: true)
        from q in Generators.Uniform(0.01, 1)
        select (v, q);

    /// <summary>It holds at least q of the mass, every cell in it is at least as dense as every cell outside, and
    /// without its least dense cells (the ties at the level) it holds less than q.</summary>
    [Property(MaxTest = 300)]
    public Property Region_HoldsTheShare_IsASuperlevelSet_AndIsNoLargerThanNeeded() => Prop.ForAll(Arb.From(Cases(60)), c =>
    {
        var (v, q) = c;
        var r = HighestDensityRegion.Of(v, q);
        double total = v.Sum(), inside = v.Where((_, i) => r.Mask[i]).Sum();
        Assert.True(inside >= q * total * (1 - 1e-12), $"holds {inside / total} < {q}");
        Assert.Equal(inside / total, r.Share, 12);
        Assert.Equal(r.Mask.Count(m => m), r.Cells);
        for (int i = 0; i < v.Length; i++)
            Assert.Equal(v[i] >= r.Level, r.Mask[i]);
        double strictlyAbove = v.Where(x => x > r.Level).Sum();
        Assert.True(strictlyAbove < q * total * (1 + 1e-12), $"the cells above the level already hold {strictlyAbove / total} >= {q}");
    });

    /// <summary>No set of cells holding q of the mass has fewer cells (brute force over all subsets of up to 10 cells).</summary>
    [Property(MaxTest = 100)]
    public Property Region_HasTheFewestCells_AmongSetsHoldingTheShare() => Prop.ForAll(Arb.From(Cases(10)), c =>
    {
        var (v, q) = c;
        var r = HighestDensityRegion.Of(v, q);
        double total = v.Sum();
        int ties = v.Count(x => x == r.Level) - 1;   // ties at the level are all included
        for (int set = 1; set < 1 << v.Length; set++)
        {
            double mass = 0;
            int count = 0;
            for (int i = 0; i < v.Length; i++)
                if ((set >> i & 1) == 1) { mass += v[i]; count++; }
            if (mass >= q * total * (1 + 1e-12)) Assert.True(count >= r.Cells - ties, $"{count} cells hold {mass / total} >= {q}; the region has {r.Cells}");
        }
    });

    [Fact]
    public void Region_OfAGaussianProfile_IsTheCentralInterval()
    {
        // cell masses of N(0, 1) on [-5, 5] / 1000: the 95% region is |x| <= 1.96 (to a cell)
        int n = 1000;
        double h = 10.0 / n;
        var v = Enumerable.Range(0, n).Select(i => Math.Exp(-0.5 * Math.Pow(-5 + (i + 0.5) * h, 2))).ToArray();
        var r = HighestDensityRegion.Of(v, 0.95);
        double reach = Enumerable.Range(0, n).Where(i => r.Mask[i]).Max(i => Math.Abs(-5 + (i + 0.5) * h));
        Assert.InRange(reach, 1.96 - h, 1.96 + h);
        Assert.Equal(reach, r.MaxOver(Enumerable.Range(0, n).Select(i => Math.Abs(-5 + (i + 0.5) * h)).ToArray()));
    }
}
