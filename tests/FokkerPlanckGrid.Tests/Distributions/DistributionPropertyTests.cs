using FokkerPlanckGrid.Distributions;
using FsCheck;
using FsCheck.Xunit;

namespace FokkerPlanckGrid.Tests.Distributions;

/// <summary>Properties every <see cref="IDataDistribution"/> must have, checked for one instance of every kind.</summary>
public class DistributionPropertyTests
{
    private const int PointsPerTime = 12;

    [Theory]
    [MemberData(nameof(TestDistributions.All), MemberType = typeof(TestDistributions))]
    public void Score_EqualsGradientOfLogDensity_ByCentralDifferences(string name)
    {
        var dist = TestDistributions.Create(name);
        int dim = dist.Dimension;
        var random = new Random(11);
        var s = new double[dim];
        foreach (double t in TestDistributions.Times)
        {
            double sigma = Math.Sqrt(2 * t), h = 1e-5 * sigma;
            for (int n = 0; n < PointsPerTime; n++)
            {
                var x = TestDistributions.RandomPoint(dist, random, 2 * sigma);
                dist.Score(x, t, s);
                double scale = 1 / sigma + Norm(s);
                for (int d = 0; d < dim; d++)
                {
                    var xp = (double[])x.Clone();
                    var xm = (double[])x.Clone();
                    xp[d] += h;
                    xm[d] -= h;
                    double fd = (dist.LogDensity(xp, t) - dist.LogDensity(xm, t)) / (2 * h);
                    Assert.True(Math.Abs(fd - s[d]) <= 1e-6 * scale,
                        $"{name} t={t} x=({string.Join(",", x)}) d={d}: score {s[d]} vs difference {fd}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDistributions.All), MemberType = typeof(TestDistributions))]
    public void DivScore_EqualsDivergenceOfScore_ByCentralDifferences(string name)
    {
        var dist = TestDistributions.Create(name);
        int dim = dist.Dimension;
        var random = new Random(12);
        var sp = new double[dim];
        var sm = new double[dim];
        var s = new double[dim];
        foreach (double t in TestDistributions.Times)
        {
            double sigma = Math.Sqrt(2 * t), h = 1e-5 * sigma;
            for (int n = 0; n < PointsPerTime; n++)
            {
                var x = TestDistributions.RandomPoint(dist, random, 2 * sigma);
                dist.Score(x, t, s);
                double fd = 0;
                for (int d = 0; d < dim; d++)
                {
                    var xp = (double[])x.Clone();
                    var xm = (double[])x.Clone();
                    xp[d] += h;
                    xm[d] -= h;
                    dist.Score(xp, t, sp);
                    dist.Score(xm, t, sm);
                    fd += (sp[d] - sm[d]) / (2 * h);
                }
                double div = dist.DivScore(x, t);
                double scale = 1 / (sigma * sigma) + Norm(s) * Norm(s);
                Assert.True(Math.Abs(fd - div) <= 1e-5 * scale,
                    $"{name} t={t} x=({string.Join(",", x)}): div {div} vs difference {fd}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDistributions.All), MemberType = typeof(TestDistributions))]
    public void MassInBox_OfHugeBox_IsOne(string name)
    {
        var dist = TestDistributions.Create(name);
        foreach (double t in TestDistributions.Times.Append(1e-8))
        {
            var (lo, hi) = dist.SupportBounds;
            var a = lo.Select(v => v - 100 - 60 * Math.Sqrt(t)).ToArray();
            var b = hi.Select(v => v + 100 + 60 * Math.Sqrt(t)).ToArray();
            Assert.Equal(1.0, dist.MassInBox(a, b, t), 1e-13);
        }
    }

    [Theory]
    [MemberData(nameof(TestDistributions.All), MemberType = typeof(TestDistributions))]
    public void MassInBox_IsAdditiveOverAdjacentBoxes(string name)
    {
        var dist = TestDistributions.Create(name);
        var random = new Random(13);
        foreach (double t in TestDistributions.Times)
        {
            double sigma = Math.Sqrt(2 * t);
            for (int n = 0; n < 6; n++)
            {
                var p = TestDistributions.RandomPoint(dist, random, sigma);
                var q = TestDistributions.RandomPoint(dist, random, sigma);
                var lo = p.Zip(q, Math.Min).ToArray();
                var hi = p.Zip(q, Math.Max).ToArray();
                var mid = lo.Zip(hi, (a, b) => a + 0.37 * (b - a)).ToArray();
                double whole = dist.MassInBox(lo, hi, t), parts = 0;
                // all 2^d sub-boxes cut at mid
                for (int mask = 0; mask < 1 << dist.Dimension; mask++)
                {
                    var a = new double[dist.Dimension];
                    var b = new double[dist.Dimension];
                    for (int d = 0; d < dist.Dimension; d++)
                    {
                        bool upperHalf = (mask >> d & 1) == 1;
                        a[d] = upperHalf ? mid[d] : lo[d];
                        b[d] = upperHalf ? hi[d] : mid[d];
                    }
                    parts += dist.MassInBox(a, b, t);
                }
                Assert.True(Math.Abs(whole - parts) <= 1e-13 * whole + 1e-300,
                    $"{name} t={t}: box {whole} vs sum of parts {parts}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDistributions.All), MemberType = typeof(TestDistributions))]
    public void MassInBox_OfTinyBox_IsDensityTimesVolume(string name)
    {
        var dist = TestDistributions.Create(name);
        var random = new Random(14);
        foreach (double t in TestDistributions.Times)
        {
            double sigma = Math.Sqrt(2 * t);
            var s = new double[dist.Dimension];
            for (int n = 0; n < PointsPerTime; n++)
            {
                var x = TestDistributions.RandomPoint(dist, random, 2 * sigma);
                // the midpoint rule's relative error is ~ e^2 (|s|^2 + div s)/24: keep e small against both scales
                dist.Score(x, t, s);
                double e = 1e-4 * sigma / (1 + sigma * Norm(s));
                var a = x.Select(v => v - 0.5 * e).ToArray();
                var b = x.Select(v => v + 0.5 * e).ToArray();
                double average = dist.MassInBox(a, b, t) / Math.Pow(e, dist.Dimension);
                double density = Math.Exp(dist.LogDensity(x, t));
                Assert.True(Math.Abs(average - density) <= 1e-7 * density,
                    $"{name} t={t} x=({string.Join(",", x)}): cell average {average} vs density {density}");
            }
        }
    }

    /// <summary>Li-Yau (2.6), exact for every u0: div s &gt;= -d/(2t), at random kinds, points and times 1e-8..100.</summary>
    [Property(MaxTest = 300)]
    public bool DivScore_SatisfiesLiYauBound_AtRandomPoints(byte kind, int seed)
    {
        var dist = TestDistributions.Create(TestDistributions.Names[kind % TestDistributions.Names.Length]);
        var random = new Random(seed);
        double t = Math.Pow(10, -8 + 10 * random.NextDouble());
        var x = TestDistributions.RandomPoint(dist, random, 1 + 5 * Math.Sqrt(t));
        double div = dist.DivScore(x, t);
        return double.IsFinite(div) && div >= -dist.Dimension / (2 * t) * (1 + 1e-12);
    }

    [Theory]
    [MemberData(nameof(TestDistributions.All), MemberType = typeof(TestDistributions))]
    public void FarTailsAndTinyTimes_AreFinite_AndScorePointsTowardSupport(string name)
    {
        var dist = TestDistributions.Create(name);
        int dim = dist.Dimension;
        var (lo, hi) = dist.SupportBounds;
        var s = new double[dim];
        foreach (double t in new[] { 1e-8, 1e-6, 1e-3, 1.0 })
        {
            double far = 40 * Math.Sqrt(t);
            // beyond the upper and lower corners, diagonally outward: the support lies on the inner side
            foreach (int sign in new[] { 1, -1 })
            {
                var e = Enumerable.Repeat(sign / Math.Sqrt(dim), dim).ToArray();
                var corner = sign > 0 ? hi : lo;
                var x = corner.Select((c, d) => c + far * e[d]).ToArray();
                Assert.True(dist.DistanceToSupport(x) >= far * (1 - 1e-12) || dist is GaussianMixture);
                CheckFinite(dist, x, t, s, name);
                double outward = s.Select((v, d) => v * e[d]).Sum();
                Assert.True(outward < 0, $"{name} t={t}: score ({string.Join(",", s)}) does not point back to the support");
            }
            // random points near and inside the support
            var random = new Random(15);
            for (int n = 0; n < 20; n++) CheckFinite(dist, TestDistributions.RandomPoint(dist, random, 0.5), t, s, name);
        }
    }

    private static void CheckFinite(IDataDistribution dist, double[] x, double t, double[] s, string name)
    {
        double logU = dist.LogDensity(x, t);
        dist.Score(x, t, s);
        double div = dist.DivScore(x, t);
        double sigma = Math.Sqrt(2 * t);
        double mass = dist.MassInBox(x.Select(v => v - sigma).ToArray(), x.Select(v => v + sigma).ToArray(), t);
        string where = $"{name} t={t} x=({string.Join(",", x)})";
        Assert.True(double.IsFinite(logU), $"{where}: log u = {logU}");
        Assert.True(s.All(double.IsFinite), $"{where}: score ({string.Join(",", s)})");
        Assert.True(double.IsFinite(div), $"{where}: div s = {div}");
        Assert.True(double.IsFinite(mass) && mass >= 0, $"{where}: mass = {mass}");
    }

    private static double Norm(double[] v) => Math.Sqrt(v.Sum(c => c * c));
}
