using FokkerPlanckGrid.Mixing;

namespace FokkerPlanckGrid.Tests.Mixing;

/// <summary>
/// The critical points of Phi_lambda = lambda d(x,S1)^2 + (1-lambda) d(x,S2)^2 (<see cref="MixingPotential"/>): exact
/// configurations worked by hand (interior minima, Clarke saddles and maxima, a guidance minimum at a kink), and random
/// ones against a brute-force search for the local minima on a fine grid.
/// </summary>
public class MixingPotentialTests
{
    private static void AssertPoints(MixingPotential phi, (double[] X, bool Minimum)[] expected)
    {
        var found = phi.CriticalPoints;
        Assert.True(found.Count == expected.Length,
            $"found {found.Count}: {string.Join("; ", found)}; expected {expected.Length}");
        foreach (var (x, minimum) in expected)
        {
            var (k, r) = phi.Nearest(x);
            Assert.True(r < 1e-12, $"no critical point at ({string.Join(", ", x)}): nearest {found[k]} at {r:G3}");
            Assert.Equal(minimum, found[k].IsLocalMinimum);
        }
    }

    /// <summary>
    /// lambda = 1/2, S1 = {-1, 1}, S2 = {0}: Phi = ((|x| - 1)^2 + x^2)/2, minima at c = +-1/2, and at the kink 0 (the
    /// barycentre, in conv{c_-, c_+}) a Clarke critical point that is a maximum.
    /// </summary>
    [Fact]
    public void Mixing1D_HasTwoMinimaAndTheBarycentre()
    {
        var phi = new MixingPotential(0.5, [[-1.0], [1.0]], [[0.0]]);
        AssertPoints(phi, [([-0.5], true), ([0.0], false), ([0.5], true)]);
        Assert.True(phi.CriticalPoints.Single(c => !c.IsLocalMinimum).OnBoundary);
        Assert.Equal(0.25, phi.Value([0.5]), 15);   // (1/2)(1/2)^2 + (1/2)(1/2)^2
    }

    /// <summary>
    /// Guidance lambda = 2, S1 = {0}, S2 = {-1, 1}: Phi = 2x^2 - (|x| - 1)^2 = x^2 + 2|x| - 1. The candidates
    /// c = 2*0 - (+-1) = -+1 lie outside their own cells, and the only critical point is the kink 0, a minimum.
    /// </summary>
    [Fact]
    public void Guidance1D_HasItsOnlyMinimumAtAKink()
    {
        var phi = new MixingPotential(2, [[0.0]], [[-1.0], [1.0]]);
        AssertPoints(phi, [([0.0], true)]);
        Assert.True(phi.CriticalPoints[0].OnBoundary);
        Assert.Equal("boundary minimum", phi.CriticalPoints[0].Kind);
        Assert.Equal(-1, phi.Value([0.0]), 15);
        Assert.Equal(0.25 + 1 - 1, phi.Value([0.5]), 15);
    }

    /// <summary>Guidance lambda = 2, S1 = {-1, 1}, S2 = {0}: pushed beyond S1, minima at +-2 = y + (y - 0); 0 a maximum.</summary>
    [Fact]
    public void Guidance1D_PushesMinimaBeyondTheFirstSet()
    {
        var phi = new MixingPotential(2, [[-1.0], [1.0]], [[0.0]]);
        AssertPoints(phi, [([-2.0], true), ([0.0], false), ([2.0], true)]);
    }

    /// <summary>lambda = 1 is the distance to S1 alone: minima at its points, the Voronoi boundary a maximum; S2 plays no part.</summary>
    [Fact]
    public void LambdaOne_IsTheDistanceToTheFirstSet()
    {
        var phi = new MixingPotential(1, [[-1.0], [3.0]], [[0.2], [5.0], [-7.0]]);
        AssertPoints(phi, [([-1.0], true), ([1.0], false), ([3.0], true)]);
    }

    /// <summary>
    /// 2D, lambda = 1/2, S1 = {(+-2, 0)}, S2 = {(0, +-2)}: four minima (+-1, +-1), four Clarke saddles on the axes where
    /// one Voronoi boundary is crossed ((0, +-1), (+-1, 0)), and the vertex (0, 0), a maximum in the hull of all four c.
    /// </summary>
    [Fact]
    public void Mixing2D_HasFourMinimaFourSaddlesAndAVertex()
    {
        var phi = new MixingPotential(0.5, [[-2.0, 0.0], [2.0, 0.0]], [[0.0, -2.0], [0.0, 2.0]]);
        AssertPoints(phi,
        [
            ([-1.0, -1.0], true), ([-1.0, 1.0], true), ([1.0, -1.0], true), ([1.0, 1.0], true),
            ([0.0, -1.0], false), ([0.0, 1.0], false), ([-1.0, 0.0], false), ([1.0, 0.0], false),
            ([0.0, 0.0], false),
        ]);
        Assert.Equal(4, phi.CriticalPoints.Single(c => c.X[0] == 0 && c.X[1] == 0).Pieces.Length);
    }

    /// <summary>
    /// Coinciding boundaries: S1 = {(+-1, 0)} and S2 = {(+-2, 0)} share the bisector x = 0, where only the pieces
    /// (-, -) and (+, +) have interior. lambda = 1/2: minima (+-1.5, 0), the origin a Clarke saddle.
    /// </summary>
    [Fact]
    public void CoincidingBoundaries_KeepOnlyThePiecesWithInterior()
    {
        var phi = new MixingPotential(0.5, [[-1.0, 0.0], [1.0, 0.0]], [[-2.0, 0.0], [2.0, 0.0]]);
        AssertPoints(phi, [([-1.5, 0.0], true), ([0.0, 0.0], false), ([1.5, 0.0], true)]);
        Assert.Equal(2, phi.CriticalPoints.Single(c => !c.IsLocalMinimum).Pieces.Length);
    }

    [Fact]
    public void Classify_CountsPointsNearEachCriticalPoint_AndOutside()
    {
        var phi = new MixingPotential(0.5, [[-1.0], [1.0]], [[0.0]]);
        var counts = phi.Classify([[-0.45], [-0.6], [0.51], [0.02], [3.0]], 0.2);
        // critical points in order: minima -0.5, 0.5, then the maximum 0
        Assert.Equal([2, 1, 1, 1], counts);
    }

    /// <summary>
    /// Random data (1D and 2D, 1-4 points per set) and lambda in {0.3, 0.8, 1.5, 2.5}, against brute force:
    /// every reported minimum is one (Phi is larger on circles of radius 1e-5 and 1e-4 around it) and every other
    /// reported critical point is not (Phi is smaller somewhere on such a circle); and no minimum is missed: every strict
    /// discrete local minimum of Phi on a fine grid, followed downhill by a pattern search, ends at a reported minimum.
    /// The search steps along 32 uniform directions and along the bisectors of S1 and of S2 pairs, on which the V-shaped
    /// valleys of guidance's convex kinks lie (along no fixed set of directions would it reach their floor's minimum).
    /// </summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(1, 3)]
    [InlineData(2, 4)]
    [InlineData(2, 5)]
    [InlineData(2, 6)]
    [InlineData(2, 7)]
    [InlineData(2, 8)]
    public void ReportedMinima_AreTheLocalMinimaOfABruteForceSearch(int d, int seed)
    {
        var random = new Random(seed);
        double[][] Set() => Enumerable.Range(0, random.Next(1, 5))
            .Select(_ => Enumerable.Range(0, d).Select(_ => Math.Round(random.NextDouble() * 8 - 4, 3)).ToArray()).ToArray();
        foreach (double lambda in new[] { 0.3, 0.8, 1.5, 2.5 })
        {
            var (s1, s2) = (Set(), Set());
            var phi = new MixingPotential(lambda, s1, s2);
            string where = $"lambda {lambda}, S1 {Show(s1)}, S2 {Show(s2)}; reported {string.Join("; ", phi.CriticalPoints)}";
            foreach (var c in phi.CriticalPoints)
                foreach (double r in new[] { 1e-5, 1e-4 })
                {
                    var circle = Enumerable.Range(0, d == 1 ? 2 : 256).Select(k => d == 1
                        ? new[] { c.X[0] + (k == 0 ? r : -r) }
                        : [c.X[0] + r * Math.Cos(2 * Math.PI * k / 256), c.X[1] + r * Math.Sin(2 * Math.PI * k / 256)]);
                    double lowest = circle.Min(y => phi.Value(y) - c.Value);
                    Assert.True(c.IsLocalMinimum == lowest > 0, $"{c}: min of Phi - Phi(x) on the circle of radius {r} is {lowest:G3}: {where}");
                }
            var directions = Directions(s1, s2, d);
            foreach (var b in BruteForceMinima(phi, d, out double h))
            {
                var end = Descend(phi, b, h, directions);
                Assert.True(phi.Minima.Any(m => Dist(m.X, end) <= 1e-6),
                    $"grid minimum ({Show([b])}) descends to ({Show([end])}), not a reported minimum: {where}");
            }
        }
    }

    /// <summary>Unit directions: 32 uniform ones and both senses along every bisector of S1 and S2 pairs (1D: +-1).</summary>
    private static double[][] Directions(double[][] s1, double[][] s2, int d)
    {
        if (d == 1) return [[1.0], [-1.0]];
        var list = Enumerable.Range(0, 32).Select(k => new[] { Math.Cos(Math.PI * k / 16), Math.Sin(Math.PI * k / 16) }).ToList();
        foreach (var set in new[] { s1, s2 })
            for (int a = 0; a < set.Length; a++)
                for (int b = a + 1; b < set.Length; b++)
                {
                    double nx = set[b][0] - set[a][0], ny = set[b][1] - set[a][1], n = Math.Sqrt(nx * nx + ny * ny);
                    list.Add([-ny / n, nx / n]);
                    list.Add([ny / n, -nx / n]);
                }
        return list.ToArray();
    }

    /// <summary>Pattern search: move by r along the best direction while Phi decreases, else halve r, down to r = 1e-12.</summary>
    private static double[] Descend(MixingPotential phi, double[] x, double r, double[][] directions)
    {
        double f = phi.Value(x);
        while (r > 1e-12)
        {
            double[]? best = null;
            double fBest = f;
            foreach (var u in directions)
            {
                var y = x.Select((c, k) => c + r * u[k]).ToArray();
                double fy = phi.Value(y);
                if (fy < fBest) { fBest = fy; best = y; }
            }
            if (best is null) r /= 2;
            else { x = best; f = fBest; }
        }
        return x;
    }

    private static string Show(double[][] s) => string.Join(" ", s.Select(p => $"({string.Join(", ", p)})"));

    private static double Dist(double[] a, double[] b) => Math.Sqrt(a.Zip(b).Sum(p => (p.First - p.Second) * (p.First - p.Second)));

    /// <summary>Strict discrete local minima of Phi on a grid over [-15, 15]^d (1D: 60001 points; 2D: 601^2, 8 neighbours).</summary>
    private static List<double[]> BruteForceMinima(MixingPotential phi, int d, out double h)
    {
        int n = d == 1 ? 60001 : 601;
        h = 30.0 / (n - 1);
        double step = h;
        double X(int i) => -15 + i * step;
        double Y(int j) => -15 + j * step;
        var found = new List<double[]>();
        if (d == 1)
        {
            var v = Enumerable.Range(0, n).Select(i => phi.Value([X(i)])).ToArray();
            for (int i = 1; i < n - 1; i++)
                if (v[i] < v[i - 1] && v[i] <= v[i + 1]) found.Add([X(i)]);
            return found;
        }
        var f = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) f[i, j] = phi.Value([X(i), Y(j)]);
        for (int i = 1; i < n - 1; i++)
            for (int j = 1; j < n - 1; j++)
            {
                bool min = true;
                for (int a = -1; a <= 1 && min; a++)
                    for (int b = -1; b <= 1 && min; b++)
                        if ((a, b) != (0, 0)) min = (a, b) is (-1, _) or (0, -1) ? f[i, j] < f[i + a, j + b] : f[i, j] <= f[i + a, j + b];
                if (min) found.Add([X(i), Y(j)]);
            }
        return found;
    }
}
