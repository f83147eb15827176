using FokkerPlanckGrid.Distributions;
using MathNet.Numerics.Integration;

namespace FokkerPlanckGrid.Tests.Distributions;

/// <summary>Exact formulas the distributions must reproduce.</summary>
public class ClosedFormTests
{
    [Theory]
    [InlineData(1e-8)]
    [InlineData(1e-3)]
    [InlineData(1.0)]
    public void OneDirac_HasScore_YMinusXOver2t(double t)
    {
        var dirac = DiracMixture.Uniform([[0.3, -0.7]]);
        var s = new double[2];
        foreach (var x in new[] { new[] { 0.3, -0.7 }, new[] { 1.0, 2.0 }, new[] { -5.0, 0.1 } })
        {
            dirac.Score(x, t, s);
            for (int d = 0; d < 2; d++)
                Assert.Equal((dirac.Point(0, d) - x[d]) / (2 * t), s[d], 1e-13 * (1 + Math.Abs(s[d])));
            Assert.Equal(-1 / t, dirac.DivScore(x, t), 1e-13 / t);
        }
    }

    [Theory]
    [InlineData(1e-8)]
    [InlineData(1e-3)]
    [InlineData(10.0)]
    public void SingleGaussian_HasScore_MinusXMinusMuOverS2Plus2t(double t)
    {
        double s2 = 0.25;
        var g1 = GaussianMixture.Isotropic([[0.4]], [s2], [1.0]);
        var g2 = GaussianMixture.Isotropic([[0.4, -1.0]], [s2], [1.0]);
        var s = new double[2];
        foreach (var x in new[] { new[] { 0.4, -1.0 }, new[] { 3.0, 2.0 }, new[] { -50.0, 0.1 } })
        {
            double v = s2 + 2 * t;
            g1.Score(x, t, s);
            Assert.Equal(-(x[0] - 0.4) / v, s[0], 1e-13 * (1 + Math.Abs(s[0])));
            Assert.Equal(-1 / v, g1.DivScore(x, t), 1e-13 / v);
            Assert.Equal(-0.5 * Math.Log(2 * Math.PI * v) - (x[0] - 0.4) * (x[0] - 0.4) / (2 * v), g1.LogDensity(x, t), 1e-12);
            g2.Score(x, t, s);
            Assert.Equal(-(x[0] - 0.4) / v, s[0], 1e-13 * (1 + Math.Abs(s[0])));
            Assert.Equal(-(x[1] + 1.0) / v, s[1], 1e-13 * (1 + Math.Abs(s[1])));
            Assert.Equal(-2 / v, g2.DivScore(x, t), 1e-13 / v);
        }
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(-0.9)]
    [InlineData(0.95)]
    public void CorrelatedGaussian_QuadrantMass_IsQuarterPlusArcsinOver2Pi(double rho)
    {
        double t = 0.005, v0 = 0.3, v1 = 0.2;
        // Sigma + 2t I has correlation rho
        double c = rho * Math.Sqrt((v0 + 2 * t) * (v1 + 2 * t));
        var g = new GaussianMixture([[1.0, -2.0]], [[[v0, c], [c, v1]]], [1.0]);
        Assert.False(g.HasClosedFormMass);
        double mass = g.MassInBox([1.0, -2.0], [1e3, 1e3], t);
        Assert.Equal(0.25 + Math.Asin(rho) / (2 * Math.PI), mass, 1e-14);
    }

    [Fact]
    public void CorrelatedGaussian_MassInBox_MatchesTensorGaussLegendreOfDensity()
    {
        var g = TestDistributions.Create("gaussian-2d-full");
        double t = 0.01;
        double[] lo = [-1.3, -0.4], hi = [-0.6, 0.3];
        var rule = new GaussLegendreRule(0, 1, 40);
        double sum = 0;
        for (int i = 0; i < 40; i++)
            for (int j = 0; j < 40; j++)
            {
                double[] x = [lo[0] + (hi[0] - lo[0]) * rule.Abscissas[i], lo[1] + (hi[1] - lo[1]) * rule.Abscissas[j]];
                sum += rule.Weights[i] * rule.Weights[j] * Math.Exp(g.LogDensity(x, t));
            }
        sum *= (hi[0] - lo[0]) * (hi[1] - lo[1]);
        Assert.Equal(sum, g.MassInBox(lo, hi, t), 1e-13 * sum);
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(0.01)]
    [InlineData(0.5)]
    [InlineData(10.0)]
    public void UniformBox1D_MatchesDirectIntegralOfTheConvolution(double t)
    {
        double a = -1, b = 2, sigma = Math.Sqrt(2 * t);
        var box = new UniformBox([a], [b]);
        var s = new double[1];
        foreach (double x in new[] { -1.5, -1.0, -0.99, 0.3, 1.99, 2.2, 2 + 5 * sigma })
        {
            double direct = ConvolutionDensity(x, a, b, t);
            Assert.Equal(direct, Math.Exp(box.LogDensity([x], t)), 1e-13 * direct);
            // score against the derivative of the convolution (G_t' integrates to G_t(x-a) - G_t(x-b))
            double dudx = (HeatKernel(x - a, t) - HeatKernel(x - b, t)) / (b - a);
            box.Score([x], t, s);
            Assert.Equal(dudx / direct, s[0], 1e-12 * (Math.Abs(s[0]) + 1 / sigma));
        }
        // cell mass against the other order of integration: (1/(b-a)) int_a^b P(l <= y + sigma Z <= u) dy
        foreach (var (l, u) in new[] { (-1.2, -0.8), (1.5, 2.5), (2.0, 2.0 + 3 * sigma), (-3.0, 4.0), (2.0 + 5 * sigma, 2.0 + 6 * sigma) })
        {
            var cuts = new[] { a, b, l, u, l - 40 * sigma, u + 40 * sigma }.Where(c => c >= a && c <= b).Distinct().Order().ToArray();
            double direct = 0;
            for (int i = 0; i + 1 < cuts.Length; i++)
            {
                int panels = (int)Math.Ceiling((cuts[i + 1] - cuts[i]) / (0.25 * sigma));
                double w = (cuts[i + 1] - cuts[i]) / panels;
                for (int p = 0; p < panels; p++)
                    direct += GaussLegendreRule.Integrate(y => Gaussian.IntervalProbability(l, u, y, 2 * t),
                        cuts[i] + p * w, cuts[i] + (p + 1) * w, 20);
            }
            direct /= b - a;
            Assert.Equal(direct, box.MassInBox([l], [u], t), 1e-13 * direct);
        }
    }

    private static double HeatKernel(double z, double t) => Math.Exp(-z * z / (4 * t)) / Math.Sqrt(4 * Math.PI * t);

    /// <summary>(1/(b-a)) int_a^b G_t(x - y) dy by composite Gauss-Legendre (panels of width sigma/4 near x).</summary>
    private static double ConvolutionDensity(double x, double a, double b, double t)
    {
        double sigma = Math.Sqrt(2 * t);
        double lo = Math.Max(a, x - 40 * sigma), hi = Math.Min(b, x + 40 * sigma);
        if (!(hi > lo)) lo = hi = x < a ? a : b;
        double sum = 0;
        if (hi > lo)
        {
            int panels = (int)Math.Ceiling((hi - lo) / (0.25 * sigma));
            double w = (hi - lo) / panels;
            for (int p = 0; p < panels; p++)
                sum += GaussLegendreRule.Integrate(y => HeatKernel(x - y, t), lo + p * w, lo + (p + 1) * w, 20);
        }
        return sum / (b - a);
    }

    [Fact]
    public void UniformBox_FarOutside_AtTinyTime_HasScoreOfTheNearestEdge()
    {
        // at distance d >> sigma from the edge a, log u ~ log Q(d/sigma) and s ~ (d/sigma + r(d/sigma))/sigma
        var box = new UniformBox([0.0], [1.0]);
        double t = 1e-8, sigma = Math.Sqrt(2 * t), x = -1.0;
        var s = new double[1];
        box.Score([x], t, s);
        double z = -x / sigma;
        Assert.Equal(z + 1 / z - 2 / (z * z * z), s[0] * sigma, 1e-12 * z);
        Assert.Equal(-0.5 * z * z - Math.Log(z * Math.Sqrt(2 * Math.PI)) - 1 / (z * z), box.LogDensity([x], t), 1e-12 * z * z);
        Assert.Equal(-1 / (sigma * sigma) + 1 / (x * x), box.DivScore([x], t), 1e-6 / (x * x));
    }

    [Fact]
    public void Circle_Density_IsRotationInvariant()
    {
        var circle = new CurveMeasure("circle", 0.8, 512, [0.3, 0.1]);
        foreach (double t in new[] { 0.01, 0.05, 1.0 })
            foreach (double radius in new[] { 0.0, 0.5, 0.8, 1.3 })
            {
                double reference = circle.LogDensity([0.3 + radius, 0.1], t);
                for (int k = 1; k < 12; k++)
                {
                    double phi = 0.37 * k;
                    double value = circle.LogDensity([0.3 + radius * Math.Cos(phi), 0.1 + radius * Math.Sin(phi)], t);
                    Assert.Equal(reference, value, 1e-12);
                }
            }
    }

    [Fact]
    public void Circle_DistanceToSupport_IsAbsRMinusRadius()
    {
        var circle = new CurveMeasure("circle", 0.8, 64, [0.3, 0.1]);
        foreach (double radius in new[] { 0.0, 0.1, 0.8, 0.8 + 1e-7, 2.5 })
            for (int k = 0; k < 7; k++)
            {
                double phi = 0.9 * k + 0.1;
                double d = circle.DistanceToSupport([0.3 + radius * Math.Cos(phi), 0.1 + radius * Math.Sin(phi)]);
                Assert.Equal(Math.Abs(radius - 0.8), d, 1e-12);
            }
    }

    [Fact]
    public void Lemniscate_DistanceToSupport_OfPointsOffsetAlongTheNormal_IsTheOffset()
    {
        var lem = new CurveMeasure("lemniscate", 1.5, 64, [0.1, -0.2]);
        foreach (double theta in new[] { 0.2, 1.0, 2.5, 4.0, 5.5 })
        {
            var (gx, gy) = lem.Gamma(theta);
            Assert.True(lem.DistanceToSupport([gx, gy]) < 1e-12);
            double dh = 1e-6;
            var (px, py) = lem.Gamma(theta + dh);
            var (mx, my) = lem.Gamma(theta - dh);
            double tx = px - mx, ty = py - my, tn = Math.Sqrt(tx * tx + ty * ty);
            foreach (double offset in new[] { 1e-6, 0.01 })
            {
                double d = lem.DistanceToSupport([gx - offset * ty / tn, gy + offset * tx / tn]);
                Assert.Equal(offset, d, 1e-9 * offset + 1e-12);
            }
        }
    }

    [Fact]
    public void Lemniscate_Quadrature_ConvergesBetween512And1024Nodes()
    {
        var coarse = new CurveMeasure("lemniscate", 1.0, 512, [0.0, 0.0]);
        var fine = new CurveMeasure("lemniscate", 1.0, 1024, [0.0, 0.0]);
        double t = 0.05;
        Assert.True(coarse.IsResolved(t));
        var sc = new double[2];
        var sf = new double[2];
        foreach (var x in new[] { new[] { 0.3, 0.1 }, new[] { 0.0, 0.0 }, new[] { -1.2, 0.4 }, new[] { 0.9, -0.05 } })
        {
            double uc = Math.Exp(coarse.LogDensity(x, t)), uf = Math.Exp(fine.LogDensity(x, t));
            Assert.True(Math.Abs(uc - uf) < 1e-10 * uf, $"x=({x[0]},{x[1]}): {uc} vs {uf}");
            coarse.Score(x, t, sc);
            fine.Score(x, t, sf);
            Assert.Equal(sf[0], sc[0], 1e-9);
            Assert.Equal(sf[1], sc[1], 1e-9);
        }
    }

    [Fact]
    public void Lemniscate_Speed_MatchesDifferenceQuotientOfGamma_AndLengthIsKnown()
    {
        var lem = new CurveMeasure("lemniscate", 2.0, 64, [0.0, 0.0]);
        for (double th = 0.05; th < 6.28; th += 0.5)
        {
            double h = 1e-6;
            var (px, py) = lem.Gamma(th + h);
            var (mx, my) = lem.Gamma(th - h);
            Assert.Equal(Math.Sqrt((px - mx) * (px - mx) + (py - my) * (py - my)) / (2 * h), lem.Speed(th), 1e-8);
        }
        // length of the lemniscate of half-width a: a * 2 * sqrt(2) * K(1/sqrt 2) ... = a * 5.2441151085842...
        Assert.Equal(2.0 * 5.2441151085842, lem.Length, 1e-10);
    }

    [Theory]
    [InlineData("lemniscate")]
    [InlineData("circle")]
    public void CurveSamples_LieOnTheCurve_WithArcLengthLaw(string shape)
    {
        var curve = new CurveMeasure(shape, 1.0, 512, [0.2, 0.0]);
        var random = new Random(5);
        var x = new double[2];
        int n = 20000;
        double meanSq = 0;
        for (int i = 0; i < n; i++)
        {
            curve.Sample(random, x);
            if (i < 300) Assert.True(curve.DistanceToSupport(x) < 1e-12);
            meanSq += ((x[0] - 0.2) * (x[0] - 0.2) + x[1] * x[1]) / n;
        }
        // E|X - c|^2 under the node measure (which integrates smooth functions of the curve exactly to rounding)
        double exact = 0;
        for (int k = 0; k < curve.Nodes.Count; k++)
        {
            double dx = curve.Nodes.Point(k, 0) - 0.2, dy = curve.Nodes.Point(k, 1);
            exact += curve.Nodes.Weights[k] * (dx * dx + dy * dy);
        }
        Assert.Equal(exact, meanSq, 0.01);
    }

    [Fact]
    public void GaussianMixture_Samples_HaveTheMixtureMeanAndCovariance()
    {
        var g = (GaussianMixture)TestDistributions.Create("gaussian-2d-full");
        var random = new Random(3);
        int n = 40000;
        var x = new double[2];
        double m0 = 0, m1 = 0, c00 = 0, c01 = 0;
        for (int i = 0; i < n; i++)
        {
            g.Sample(random, x);
            m0 += x[0] / n;
            m1 += x[1] / n;
            c00 += x[0] * x[0] / n;
            c01 += x[0] * x[1] / n;
        }
        double e0 = 0, e1 = 0, e00 = 0, e01 = 0;
        for (int k = 0; k < g.Count; k++)
        {
            double w = g.Weights[k];
            e0 += w * g.Mean(k, 0);
            e1 += w * g.Mean(k, 1);
            e00 += w * (g.Covariance(k, 0, 0) + g.Mean(k, 0) * g.Mean(k, 0));
            e01 += w * (g.Covariance(k, 0, 1) + g.Mean(k, 0) * g.Mean(k, 1));
        }
        Assert.Equal(e0, m0, 0.02);
        Assert.Equal(e1, m1, 0.02);
        Assert.Equal(e00, c00, 0.03);
        Assert.Equal(e01, c01, 0.03);
    }
}
