using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Convergence;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Tests.Support;
using Xunit.Abstractions;

namespace FokkerPlanckGrid.Tests.Convergence;

/// <summary>
/// The OU solver against the heat-flow solver through the self-similar map v(y, t(tau)) = a^{-d} v~(y/a, tau)
/// (<see cref="OrnsteinUhlenbeckHeatMap"/>): the remap's exact properties, and the distance between the two
/// discrete solutions shrinking at first order.
/// </summary>
public class OrnsteinUhlenbeckHeatMapTests(ITestOutputHelper output)
{
    private static Grid Scaled(Grid g, double a) => new(g.Axes.Select(x => new Axis(a * x.Lower, a * x.Upper, x.Cells)).ToArray());

    /// <summary>On the OU grid scaled by a = e^tau the remap is a^{-d} v~ cell by cell (each heat cell is one scaled OU cell).</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ToHeat_OnTheScaledGrid_IsTheDensityScaling(int d)
    {
        var ou = d == 1 ? Grid.OnInterval(-3, 5, 40) : Grid.OnRectangle(-3, 5, 12, -2, 2, 9);
        var random = new Random(3);
        var v = Enumerable.Range(0, ou.CellCount).Select(_ => random.NextDouble()).ToArray();
        double tau = 0.37, a = Math.Exp(tau);
        var mapped = OrnsteinUhlenbeckHeatMap.ToHeat(ou, v, tau, Scaled(ou, a));
        for (int c = 0; c < v.Length; c++)
            Assert.True(Math.Abs(mapped[c] - v[c] * Math.Pow(a, -d)) <= 1e-13 * v[c], $"cell {c}: {mapped[c]:R} vs {v[c] * Math.Pow(a, -d):R}");
    }

    /// <summary>On any heat grid covering a B the remap conserves mass: sum r dV_heat = sum v~ dV_ou, to round-off.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ToHeat_ConservesMass_OnACoveringGrid(int d)
    {
        var ou = d == 1 ? Grid.OnInterval(-3, 5, 37) : Grid.OnRectangle(-3, 5, 13, -2, 2, 11);
        var heat = d == 1 ? Grid.OnInterval(-7, 9, 101) : Grid.OnRectangle(-7, 9, 53, -5, 4, 29);
        var random = new Random(5);
        var v = Enumerable.Range(0, ou.CellCount).Select(_ => random.NextDouble()).ToArray();
        var mapped = OrnsteinUhlenbeckHeatMap.ToHeat(ou, v, 0.4, heat);   // a = 1.49: a B inside the heat box
        double before = FieldMath.Sum(v) * ou.CellVolume, after = FieldMath.Sum(mapped) * heat.CellVolume;
        Assert.True(Math.Abs(after - before) <= 1e-13 * before, $"mass {before:R} -> {after:R}");
        Assert.All(mapped, x => Assert.True(x >= 0));
    }

    private static Case OuCase(TerminalSpec terminal, int cells = 256, int steps = 64) =>
        new("ou-map", new DiracMixtureSpec([[-2.0], [0.5], [3.0]], [0.5, 0.2, 0.3]), new ExactScoreSpec(), terminal,
            new GridSpec([[-6, 6]], [cells]), new TimeSpec(1.0, 0.1, steps, TimeSpacing.Geometric, 1), 0.3,
            new SchemeSpec(TransportKind.Upwind, SplittingKind.Lie), new OutputSpec("unused.h5", 2, ["v"]),
            new DiagnosticsSpec([1, 2], [0.5]), Forward: ForwardKind.OrnsteinUhlenbeck);

    /// <summary>
    /// The mapped OU solution and the heat solution of the corresponding case differ by the sum of two first-order
    /// discretisation errors: the distance falls at every refinement, at an observed order near 1 — from v_T = w(T)
    /// (heat terminal on both sides) and from a Gaussian terminal (N(mu, sigma^2) at tau = T, N(a_T mu, a_T^2 sigma^2) at t(T)).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MappedOuSolution_ApproachesTheHeatSolution_AtFirstOrder(bool gaussian)
    {
        var c = OuCase(gaussian ? new GaussianTerminalSpec([0.4], 0.6) : new HeatTerminalSpec());
        var result = OrnsteinUhlenbeckHeatMap.Study(c, 3);
        foreach (var l in result.Levels)
            output.WriteLine($"N {l.Cells[0]} / heat {l.HeatCells[0]}, K {l.Steps}: |map(v~) - v|_1 {l.Difference.L1:G3}, " +
                $"OU error {l.OuError?.L1:G3}, heat error {l.HeatError?.L1:G3}");
        output.WriteLine($"order {result.Orders.L1:F2}; pairwise {string.Join(", ", result.PairwiseL1.Select(p => p.ToString("F2")))}");
        Assert.All(result.Levels.Zip(result.Levels.Skip(1)), p => Assert.True(p.Second.Difference.L1 < p.First.Difference.L1));
        Assert.InRange(result.Orders.L1, 0.7, 1.3);
        Assert.Equal(3, result.HeatCase.Grid.Cells[0] / c.Grid.Cells[0]);   // m = ceil(e^1)
    }
}
