using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FokkerPlanckGrid.Tests.Scores;

/// <summary>The separable 2D face kernel of <see cref="DiracMixtureScore"/> against the direct log-sum-exp score.</summary>
public class DiracMixtureScoreTests
{
    public sealed record KernelCase(double[] Lower, double[] Upper, int Nx, int Ny, MixtureSpec Data, double T)
    {
        public override string ToString() =>
            $"box [{Lower[0]:R}, {Upper[0]:R}] x [{Lower[1]:R}, {Upper[1]:R}], {Nx}x{Ny}, data {Data}, t {T:R}";
    }

    public static class KernelArbitraries
    {
        /// <summary>t log-uniform in [1e-6, 10]: at small t far from the data every E_k F_k underflows (the fallback).</summary>
        public static Arbitrary<KernelCase> KernelCase() => Arb.From(
            from lower in Gen.ArrayOf(Generators.Uniform(-20, -1), 2)
            from upper in Gen.ArrayOf(Generators.Uniform(1, 20), 2)
            from nx in Gen.Choose(4, 40)
            from ny in Gen.Choose(4, 40)
            from data in Generators.Mixture(lower, upper)
            from t in Generators.LogUniform(1e-6, 10)
            select new KernelCase(lower, upper, nx, ny, data, t));
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(KernelArbitraries)])]
    public void SeparableFaceKernel_EqualsDirectScore_AtEveryFace(KernelCase c)
    {
        var mixture = c.Data.ToMixture();
        var grid = Grid.OnRectangle(c.Lower[0], c.Upper[0], c.Nx, c.Lower[1], c.Upper[1], c.Ny);
        var faces = new FaceField(grid);
        new DiracMixtureScore(mixture).EvaluateFaces(grid, c.T, faces);
        AssertEqualsPointwise(grid, faces, (x, s) => mixture.Score(x, c.T, s), (p, d) => AtomConditioning(c.Data, p, d, c.T, 1));
    }

    /// <summary>
    /// A near tie of two atoms at small t (found by the property above): the exponents are about 6e3 and the two
    /// formulas differ by 7e-10 at one face, beyond 1e-13 max |s| but within what the exponents' rounding allows.
    /// </summary>
    [Fact]
    public void SeparableFaceKernel_MatchesTheDirectScore_AtANearTie()
    {
        var data = new MixtureSpec([[-6.488910736616134, 1.242403648452151], [4.424531482720315, 0.9947533276615514]],
            [1.533956168293337e-4, 3.131165100570346e-5]);
        SeparableFaceKernel_EqualsDirectScore_AtEveryFace(new KernelCase([-8.679344646632671, -4.812322785146534],
            [8.135100025683641, 8.243900118395686], 11, 8, data, 0.001212709602921856));
    }

    /// <summary>
    /// What rounding in the exponents allows at a point for atoms (see <see cref="SoftmaxConditioning"/>): a_k =
    /// log w_k - |a x - y_k|^2 / 4t, of magnitude M_k = |log w_k| + |a x - y_k|^2 / 4t, offsets r_k = (y_k - a x)_d / 2t,
    /// the result scaled by a. Near a tie between atoms at small t the exponents reach thousands and this exceeds
    /// 1e-13 max |s|, for the direct formula as much as for the tables.
    /// </summary>
    private static double AtomConditioning(MixtureSpec data, double[] point, int component, double t, double a)
    {
        int k = data.Weights.Length;
        double total = data.Weights.Sum();
        var exponent = new double[k];
        var magnitude = new double[k];
        var r = new double[k];
        for (int j = 0; j < k; j++)
        {
            double lw = Math.Log(data.Weights[j] / total), sq = 0;
            for (int d = 0; d < point.Length; d++)
            {
                double dx = data.Points[j][d] - a * point[d];
                sq += dx * dx;
                if (d == component) r[j] = dx / (2 * t);
            }
            exponent[j] = lw - sq / (4 * t);
            magnitude[j] = Math.Abs(lw) + sq / (4 * t);
        }
        return a * SoftmaxConditioning(exponent, magnitude, r);
    }

    /// <summary>
    /// First-order effect of rounding in softmax exponents on s = sum_k p_k r_k: each a_k carries an absolute error of a
    /// few ulps of the magnitude M_k of its terms, which moves p_k by p_k da_k and s by sum_k p_k da_k (r_k - s); bounded
    /// by 32 u max_k M_k sum_k p_k |r_k - s|.
    /// </summary>
    internal static double SoftmaxConditioning(double[] exponent, double[] magnitude, double[] r)
    {
        int k = exponent.Length;
        double max = exponent.Max(), z = exponent.Sum(e => Math.Exp(e - max));
        double s = Enumerable.Range(0, k).Sum(j => Math.Exp(exponent[j] - max) / z * r[j]);
        double spread = Enumerable.Range(0, k).Sum(j => Math.Exp(exponent[j] - max) / z * Math.Abs(r[j] - s));
        return 32 * Math.Pow(2, -52) * magnitude.Max() * spread;
    }

    /// <summary>
    /// The Ornstein-Uhlenbeck laws of the same data at OU time tau = T (their score a s(a x, t) through the separable
    /// kernel at scaled positions, <see cref="ExactScore"/>) against their pointwise score.
    /// </summary>
    [Property(MaxTest = 100, Arbitrary = [typeof(KernelArbitraries)])]
    public void OrnsteinUhlenbeckFaces_EqualTheDirectScore_AtEveryFace(KernelCase c)
    {
        var laws = new global::FokkerPlanckGrid.Distributions.OrnsteinUhlenbeckMarginals(c.Data.ToMixture());
        var grid = Grid.OnRectangle(c.Lower[0], c.Upper[0], c.Nx, c.Lower[1], c.Upper[1], c.Ny);
        var faces = new FaceField(grid);
        new ExactScore(laws).EvaluateFaces(grid, c.T, faces);
        AssertEqualsPointwise(grid, faces, (x, s) => laws.Score(x, c.T, s),
            (p, d) => AtomConditioning(c.Data, p, d, global::FokkerPlanckGrid.Distributions.OrnsteinUhlenbeckMarginals.HeatTime(c.T),
                global::FokkerPlanckGrid.Distributions.OrnsteinUhlenbeckMarginals.Scale(c.T)));
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(0.3)]
    [InlineData(2.0)]
    public void OrnsteinUhlenbeckFaces1D_EqualTheDirectScore(double tau)
    {
        var data = new global::FokkerPlanckGrid.Distributions.DiracMixture([[-2.0], [0.5], [3.0]], [0.2, 0.5, 0.3]);
        var laws = new global::FokkerPlanckGrid.Distributions.OrnsteinUhlenbeckMarginals(data);
        var grid = Grid.OnInterval(-6, 6, 101);
        var faces = new FaceField(grid);
        new ExactScore(laws).EvaluateFaces(grid, tau, faces);
        var s = new double[1];
        double max = 0;
        var direct = new double[faces.X.Length];
        for (int i = 0; i < direct.Length; i++)
        {
            laws.Score([grid.X.Face(i)], tau, s);
            direct[i] = s[0];
            max = Math.Max(max, Math.Abs(s[0]));
        }
        for (int i = 0; i < direct.Length; i++)
            Assert.True(Math.Abs(faces.X[i] - direct[i]) <= 1e-13 * max, $"tau {tau}, face {i}: {faces.X[i]:R} vs {direct[i]:R}");
    }

    /// <summary>
    /// Every x- and y-face of <paramref name="faces"/> against <paramref name="direct"/> at the face, to 1e-13 of max |s|
    /// plus, if given, <paramref name="conditioning"/>(face point, component): what the exponentials' own rounding
    /// allows there.
    /// </summary>
    internal static void AssertEqualsPointwise(Grid grid, FaceField faces, SpanAction direct, Conditioning? conditioning = null)
    {
        int nx = grid.Nx, ny = grid.Ny;
        var directX = new double[faces.X.Length];
        var directY = new double[faces.Y.Length];
        Span<double> x = stackalloc double[2];
        Span<double> s = stackalloc double[2];
        double max = 0;
        for (int i = 0; i <= nx; i++)
            for (int j = 0; j < ny; j++)
            {
                x[0] = grid.X.Face(i); x[1] = grid.Y.Center(j);
                direct(x, s);
                directX[i * ny + j] = s[0];
                max = Math.Max(max, Math.Abs(s[0]));
            }
        for (int i = 0; i < nx; i++)
            for (int j = 0; j <= ny; j++)
            {
                x[0] = grid.X.Center(i); x[1] = grid.Y.Face(j);
                direct(x, s);
                directY[i * (ny + 1) + j] = s[1];
                max = Math.Max(max, Math.Abs(s[1]));
            }
        for (int k = 0; k < directX.Length; k++)
        {
            double extra = conditioning?.Invoke([grid.X.Face(k / ny), grid.Y.Center(k % ny)], 0) ?? 0;
            Assert.True(double.IsFinite(faces.X[k]), $"x-face {k}: {faces.X[k]}");
            Assert.True(Math.Abs(faces.X[k] - directX[k]) <= 1e-13 * max + extra,
                $"x-face {k}: {faces.X[k]:R} vs {directX[k]:R} (max |s| {max:G3}, conditioning {extra:G3})");
        }
        for (int k = 0; k < directY.Length; k++)
        {
            double extra = conditioning?.Invoke([grid.X.Center(k / (ny + 1)), grid.Y.Face(k % (ny + 1))], 1) ?? 0;
            Assert.True(double.IsFinite(faces.Y[k]), $"y-face {k}: {faces.Y[k]}");
            Assert.True(Math.Abs(faces.Y[k] - directY[k]) <= 1e-13 * max + extra,
                $"y-face {k}: {faces.Y[k]:R} vs {directY[k]:R} (max |s| {max:G3}, conditioning {extra:G3})");
        }
    }

    internal delegate void SpanAction(ReadOnlySpan<double> x, Span<double> score);

    internal delegate double Conditioning(double[] point, int component);

    /// <summary>t = 1e-6 with the data in one corner: every face far away has E_k F_k below 1e-290 (fallback path).</summary>
    [Fact]
    public void SeparableFaceKernel_IsFiniteAndExact_WhenEveryProductUnderflows()
    {
        var mixture = new global::FokkerPlanckGrid.Distributions.DiracMixture([[-9.0, 9.0], [9.0, -9.0]], [0.5, 0.5]);
        var grid = Grid.OnRectangle(-10, 10, 33, -10, 10, 35);
        var faces = new FaceField(grid);
        new DiracMixtureScore(mixture).EvaluateFaces(grid, 1e-6, faces);
        Span<double> s = stackalloc double[2];
        mixture.Score([grid.X.Face(16), grid.Y.Center(17)], 1e-6, s);   // the centre: both atoms ~ 12.7 away
        Assert.All(faces.X, v => Assert.True(double.IsFinite(v)));
        Assert.All(faces.Y, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(s[0], faces.X[16 * 35 + 17], 1e-13 * Math.Abs(s[0]));
    }
}

/// <summary>The 1D face kernel (vector exp) against the scalar log-sum-exp of <see cref="global::FokkerPlanckGrid.Distributions.DiracMixture"/>.</summary>
public class DiracMixtureScore1DTests
{
    [Theory]
    [InlineData(1e-6)]
    [InlineData(1e-3)]
    [InlineData(0.05)]
    [InlineData(1.0)]
    [InlineData(10.0)]
    public void Faces1D_MatchTheDirectScore(double t)
    {
        var random = new Random(17);
        for (int trial = 0; trial < 20; trial++)
        {
            int k = random.Next(1, 7);
            var points = Enumerable.Range(0, k).Select(_ => new[] { 20 * random.NextDouble() - 10 }).ToArray();
            var weights = Enumerable.Range(0, k).Select(_ => Math.Exp(-6 * random.NextDouble())).ToArray();
            var data = new global::FokkerPlanckGrid.Distributions.DiracMixture(points, weights);
            var grid = global::FokkerPlanckGrid.Grids.Grid.OnInterval(-15, 15, 100 + trial);
            var faces = new global::FokkerPlanckGrid.Fields.FaceField(grid);
            new global::FokkerPlanckGrid.Scores.DiracMixtureScore(data).EvaluateFaces(grid, t, faces);
            var direct = new double[faces.X.Length];
            var s = new double[1];
            for (int i = 0; i < direct.Length; i++)
            {
                data.Score([grid.X.Face(i)], t, s);
                direct[i] = s[0];
            }
            double scale = direct.Max(Math.Abs);
            for (int i = 0; i < direct.Length; i++)
                Assert.True(Math.Abs(faces.X[i] - direct[i]) <= 1e-13 * scale, $"t {t}, face {i}: {faces.X[i]:R} vs {direct[i]:R}");
        }
    }

    /// <summary>
    /// Face by face against the scalar formula without any cut-off, with atoms exactly on faces (where the largest term
    /// contributes nothing to the numerator and the others are the whole answer), at t down to 1e-6 where most terms are
    /// far below e^-708. Allowed: the rounding of the sums, 16 u sum_k p_k |y_k - x| / (z 2t), plus the underflow
    /// threshold K e^-708 max|y_k - x| / (2t) below which the scalar formula's subnormal terms carry no accuracy.
    /// </summary>
    [Theory]
    [InlineData(1e-6)]
    [InlineData(1e-4)]
    [InlineData(0.01)]
    [InlineData(0.05)]
    [InlineData(2.0)]
    public void Faces1D_AgreeWithTheScalarFormula_FaceByFace_WithAtomsOnFaces(double t)
    {
        double[] y = [-5, 0, 0.5, 5];
        double[] w = [0.7, 0.3, 1e-3, 0.1];
        var data = new global::FokkerPlanckGrid.Distributions.DiracMixture(y.Select(v => new[] { v }).ToArray(), w);
        var grid = global::FokkerPlanckGrid.Grids.Grid.OnInterval(-16, 16, 4096);   // h = 2^-7: every atom is a face
        var faces = new global::FokkerPlanckGrid.Fields.FaceField(grid);
        new global::FokkerPlanckGrid.Scores.DiracMixtureScore(data).EvaluateFaces(grid, t, faces);
        double u = Math.Pow(2, -52), under = y.Length * Math.Exp(global::FokkerPlanckGrid.Scores.DiracMixtureScore.ExpCutoff);
        int onAtom = 0;
        for (int i = 0; i < faces.X.Length; i++)
        {
            double x = grid.X.Face(i);
            double max = y.Select((yk, k) => Math.Log(data.Weights[k]) - (x - yk) * (x - yk) / (4 * t)).Max();
            double z = 0, num = 0, abs = 0, far = 0;
            for (int k = 0; k < y.Length; k++)
            {
                double p = Math.Exp(Math.Log(data.Weights[k]) - (x - y[k]) * (x - y[k]) / (4 * t) - max);
                z += p;
                num += p * (y[k] - x);
                abs += p * Math.Abs(y[k] - x);
                far = Math.Max(far, Math.Abs(y[k] - x));
            }
            double exact = num / z / (2 * t), tol = 16 * u * abs / (z * 2 * t) + under * far / (2 * t);
            if (y.Contains(x)) onAtom++;
            Assert.True(Math.Abs(faces.X[i] - exact) <= tol, $"t {t}, face {i} (x = {x:R}): {faces.X[i]:R} vs {exact:R}, allowed {tol:G3}");
        }
        Assert.Equal(y.Length, onAtom);
    }
}
