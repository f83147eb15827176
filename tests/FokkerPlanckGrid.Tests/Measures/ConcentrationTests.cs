using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Tests.Distributions;

namespace FokkerPlanckGrid.Tests.Measures;

/// <summary><see cref="Concentration"/>'s masks (skipping the exact distance beyond every delta from the support's box).</summary>
public class ConcentrationTests
{
    /// <summary>
    /// Cell p is in U_delta exactly when the exact distance of its centre to the support is below delta: measured with v
    /// the unit mass in cell p, for every cell of every kind of data.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDistributions.All), MemberType = typeof(TestDistributions))]
    public void Masks_AreTheCellsWhoseCentreIsWithinDelta_OfTheSupport(string name)
    {
        var data = TestDistributions.Create(name);
        var grid = data.Dimension == 1 ? Grid.OnInterval(-4, 4, 160) : Grid.OnRectangle(-3, 3, 30, -2.5, 2.5, 25);
        double[] deltas = [0.1, 0.35, 1.0];
        var concentration = new Concentration(grid, data, deltas);
        var v = new double[grid.CellCount];
        var share = new double[deltas.Length];
        Span<double> x = stackalloc double[2];
        int inside = 0;
        for (int p = 0; p < grid.CellCount; p++)
        {
            Array.Clear(v);
            v[p] = 1;
            concentration.Measure(v, share);
            grid.CenterOf(p, x);
            double distance = data.DistanceToSupport(x[..grid.Dimension]);
            for (int k = 0; k < deltas.Length; k++)
                Assert.True((share[k] == 1) == (distance < deltas[k]), $"{name}, cell {p}, delta {deltas[k]}: share {share[k]}, distance {distance:R}");
            if (distance < deltas[^1]) inside++;
        }
        Assert.InRange(inside, 1, grid.CellCount - 1);   // both kinds of cell occur
    }
}
