using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FokkerPlanckGrid.Tests.Scores;

/// <summary>
/// The separable 2D face kernel of <see cref="GaussianMixtureScore"/> (diagonal covariances) against the direct
/// log-sum-exp score of <see cref="GaussianMixture"/>, face by face, for the heat flow and for the OU laws.
/// </summary>
public class GaussianMixtureScoreTests
{
    public sealed record GaussianCase(double Lower, double Upper, int Nx, int Ny, double[][] Means, double[][] Variances,
        double[] Weights, double T)
    {
        public GaussianMixture ToMixture() => new(Means,
            Variances.Select(v => new[] { new[] { v[0], 0.0 }, new[] { 0.0, v[1] } }).ToArray(), Weights);

        public override string ToString() =>
            $"box [{Lower:R}, {Upper:R}]^2, {Nx}x{Ny}, means [{string.Join("; ", Means.Select(m => $"{m[0]:R}, {m[1]:R}"))}], " +
            $"variances [{string.Join("; ", Variances.Select(v => $"{v[0]:R}, {v[1]:R}"))}], weights [{string.Join(", ", Weights)}], t {T:R}";
    }

    public static class GaussianArbitraries
    {
        /// <summary>
        /// K = 1..5 components with per-axis variances from 1e-4 to 4 (narrow ones make distant products underflow at
        /// small t: the direct fallback) and t log-uniform in [1e-6, 10].
        /// </summary>
        public static Arbitrary<GaussianCase> GaussianCase() => Arb.From(
            from half in Generators.Uniform(2, 15)
            from nx in Gen.Choose(4, 40)
            from ny in Gen.Choose(4, 40)
            from k in Gen.Choose(1, 5)
            from means in Gen.ArrayOf(Gen.ArrayOf(Generators.Uniform(-half, half), 2), k)
            from variances in Gen.ArrayOf(Gen.ArrayOf(Generators.LogUniform(1e-4, 4), 2), k)
            from weights in Gen.ArrayOf(Generators.Uniform(0.05, 1), k)
            from t in Generators.LogUniform(1e-6, 10)
            select new GaussianCase(-half, half, nx, ny, means, variances, weights, t));
    }

    [Property(MaxTest = 150, Arbitrary = [typeof(GaussianArbitraries)])]
    public void SeparableFaceKernel_EqualsDirectScore_AtEveryFace(GaussianCase c)
    {
        var mixture = c.ToMixture();
        var grid = Grid.OnRectangle(c.Lower, c.Upper, c.Nx, c.Lower, c.Upper, c.Ny);
        var faces = new FaceField(grid);
        new GaussianMixtureScore(mixture).EvaluateFaces(grid, c.T, faces);
        DiracMixtureScoreTests.AssertEqualsPointwise(grid, faces, (x, s) => mixture.Score(x, c.T, s), (p, d) => Conditioning(c, p, d, c.T, 1));
    }

    /// <summary>
    /// What rounding in the exponents allows at a point (<see cref="DiracMixtureScoreTests.SoftmaxConditioning"/>) with
    /// a_k = log w_k - sum_d (log V_kd / 2 + (x_d - m_kd)^2 / (2 V_kd)), M_k the sum of the terms' magnitudes and
    /// r_k = (m_k - x)_d / V_kd. With narrow components r_k can be far larger than s (terms of opposite sign cancel), so
    /// this can exceed 1e-13 max |s| — for either formula, not just the separable one.
    /// Positions scaled by <paramref name="a"/> and the result by a (the OU laws: a s(a x, t)).
    /// </summary>
    private static double Conditioning(GaussianCase c, double[] point, int component, double t, double a)
    {
        int k = c.Weights.Length;
        var exponent = new double[k];
        var magnitude = new double[k];
        var r = new double[k];
        double total = c.Weights.Sum();
        for (int j = 0; j < k; j++)
        {
            double e = Math.Log(c.Weights[j] / total), m = Math.Abs(e);
            for (int d = 0; d < 2; d++)
            {
                double v = c.Variances[j][d] + 2 * t, dx = a * point[d] - c.Means[j][d];
                double term = 0.5 * Math.Log(v) + dx * dx / (2 * v);
                e -= term;
                m += Math.Abs(0.5 * Math.Log(v)) + dx * dx / (2 * v);
                if (d == component) r[j] = -dx / v;
            }
            exponent[j] = e;
            magnitude[j] = m;
        }
        return a * DiracMixtureScoreTests.SoftmaxConditioning(exponent, magnitude, r);
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(GaussianArbitraries)])]
    public void OrnsteinUhlenbeckFaces_EqualTheDirectScore_AtEveryFace(GaussianCase c)
    {
        var laws = new OrnsteinUhlenbeckMarginals(c.ToMixture());
        var grid = Grid.OnRectangle(c.Lower, c.Upper, c.Nx, c.Lower, c.Upper, c.Ny);
        var faces = new FaceField(grid);
        new ExactScore(laws).EvaluateFaces(grid, c.T, faces);
        DiracMixtureScoreTests.AssertEqualsPointwise(grid, faces, (x, s) => laws.Score(x, c.T, s),
            (p, d) => Conditioning(c, p, d, OrnsteinUhlenbeckMarginals.HeatTime(c.T), OrnsteinUhlenbeckMarginals.Scale(c.T)));
    }

    /// <summary>The kernel's max |s| over the interior faces (the Courant number's input) is that of the faces it wrote.</summary>
    [Theory]
    [InlineData(1, 13, 9)]
    [InlineData(2, 7, 20)]
    public void InteriorMaxAbs_IsTheMaxOverTheInteriorFaces(int threads, int nx, int ny)
    {
        var data = GaussianMixture.Isotropic([[-1.0, 0.5], [2.0, -1.0]], [0.3, 0.05], [0.4, 0.6]);
        var grid = Grid.OnRectangle(-4, 4, nx, -3, 3, ny);
        var faces = new FaceField(grid);
        var score = new GaussianMixtureScore(data, threads);
        score.EvaluateFaces(grid, 0.02, faces);
        double mx = 0, my = 0;
        for (int i = 1; i < nx; i++)
            for (int j = 0; j < ny; j++) mx = Math.Max(mx, Math.Abs(faces.X[i * ny + j]));
        for (int i = 0; i < nx; i++)
            for (int j = 1; j < ny; j++) my = Math.Max(my, Math.Abs(faces.Y[i * (ny + 1) + j]));
        Assert.Equal((mx, my), score.InteriorMaxAbs);
    }

    [Fact]
    public void CaseScores_UseTheSeparableKernel_OnlyForDiagonalCovariances()
    {
        var diagonal = GaussianMixture.Isotropic([[0.0, 1.0], [2.0, -1.0]], [0.3, 0.5], [0.4, 0.6]);
        var full = new GaussianMixture([[0.0, 1.0]], [[[1.0, 0.3], [0.3, 2.0]]], [1.0]);
        Assert.IsType<GaussianMixtureScore>(Cases.CaseBuilder.Exact(diagonal));
        Assert.IsType<ExactScore>(Cases.CaseBuilder.Exact(full));
        Assert.Throws<ArgumentException>(() => new GaussianMixtureScore(full));
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(0.5)]
    public void OneDimension_ScaledFaces_AreTheScaledPointwiseScore(double tau)
    {
        var data = GaussianMixture.Isotropic([[-1.0], [2.0]], [0.2, 0.7], [0.4, 0.6]);
        var laws = new OrnsteinUhlenbeckMarginals(data);
        var grid = Grid.OnInterval(-5, 5, 64);
        var faces = new FaceField(grid);
        new ExactScore(laws).EvaluateFaces(grid, tau, faces);
        var s = new double[1];
        for (int i = 0; i < faces.X.Length; i++)
        {
            laws.Score([grid.X.Face(i)], tau, s);
            Assert.Equal(s[0], faces.X[i], 1e-12 * Math.Max(1, Math.Abs(s[0])));
        }
    }
}
