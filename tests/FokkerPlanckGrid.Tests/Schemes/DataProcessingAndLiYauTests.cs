using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Tests.Arbitraries;
using FokkerPlanckGrid.Tests.Support;
using FsCheck.Xunit;

namespace FokkerPlanckGrid.Tests.Schemes;

/// <summary>
/// The data-processing inequality of a Markov step and the discrete Li-Yau bound of the exact face scores
/// (MATH.md section 4), for every stepper and both fluxes.
/// </summary>
public class DataProcessingAndLiYauTests
{
    private static readonly ITransportFlux[] Fluxes = [UpwindFlux.Instance, ScharfetterGummelFlux.Instance];

    /// <summary>
    /// KL(Pv || Pw) &lt;= KL(v || w) for the same prepared step P, up to round-off: every value of Pv, Pw has relative
    /// error &lt;= e = 16 L 2^-52 (see <see cref="StepperPropertyTests"/>), which moves each log(p/q) by &lt;= 4e and
    /// each p by e, so KL moves by &lt;= 4e (1 + sum p |log p/q|); the test allows four times that per step.
    /// </summary>
    private static void AssertContractsKL(StepCase c, StepperKind kind, int lineLength)
    {
        foreach (var flux in Fluxes)
        {
            var stepper = c.Stepper(kind, flux);
            var v = (double[])c.V.Clone();
            var w = (double[])c.W.Clone();
            for (int k = 0; k < c.Steps; k++)
            {
                double before = FieldMath.KL(v, w);
                stepper.Prepare(c.TNewOf(k), c.Dtau);
                stepper.Apply(v);
                stepper.Apply(w);
                double after = FieldMath.KL(v, w);
                Assert.All(w, x => Assert.True(x > 0, "P keeps a positive field positive"));
                double slack = 256 * lineLength * FieldMath.Ulp * (1 + FieldMath.KLScale(v, w));
                Assert.True(after <= before + slack,
                    $"{flux.GetType().Name} step {k}: KL(Pv||Pw) = {after:R} > KL(v||w) = {before:R} + {slack:G3} (Courant {stepper.Courant:G3})");
            }
        }
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(StepArbitraries)])]
    public void Implicit1DStep_ContractsKL_ForAnyTwoFields(StepCase c) =>
        AssertContractsKL(c, StepperKind.Implicit1D, c.Cells[0]);

    [Property(MaxTest = 100, Arbitrary = [typeof(StepArbitraries2D)])]
    public void LieStep_ContractsKL_ForAnyTwoFields(StepCase c) =>
        AssertContractsKL(c, StepperKind.Lie, c.Cells[0] + c.Cells[1]);

    [Property(MaxTest = 100, Arbitrary = [typeof(StepArbitraries2D)])]
    public void StrangStep_ContractsKL_ForAnyTwoFields(StepCase c) =>
        AssertContractsKL(c, StepperKind.Strang, 2 * c.Cells[0] + c.Cells[1]);

    [Property(MaxTest = 100, Arbitrary = [typeof(StepArbitraries)])]
    public void Implicit1DStep_ContractsKL_ForTheOuProcess(StepCase c) =>
        AssertContractsKL(c with { Forward = ForwardKind.OrnsteinUhlenbeck }, StepperKind.Implicit1D, c.Cells[0]);

    /// <summary>
    /// The discrete Li-Yau bound per sweep. With b = (1 + eps) s and s = grad log u the exact score at the faces,
    /// (b_{i+1/2} - b_{i-1/2}) / h = (1/h) int_cell d/dx b dx is the cell average of (1 + eps) d^2/dx^2 log u, and
    /// Hess log u = -I/(2t) + Cov_t(x)/(4t^2) &gt;= -I/(2t) for every u0 (section 5.4), so along every x-line and every
    /// y-line the face difference is &gt;= -(1 + eps)/(2t) exactly; in 1D that is the d = 1 bound. The only slack is
    /// the round-off of the score and of the face coordinates, relative |x - y_k| 2^-52 / h &lt;&lt; 1e-12 here.
    /// <para>
    /// For the Ornstein-Uhlenbeck process the faces hold b/(1+eps) = s_ou + x/(1+eps): along a line the difference of
    /// s_ou is the cell average of d^2/dx^2 log w &gt;= -1/(1 - e^{-2t}) (Li-Yau through the self-similar map) and that of
    /// x/(1+eps) is 1/(1+eps), so (b_{i+1/2} - b_{i-1/2})/h &gt;= -(1+eps) (1/(1 - e^{-2t}) - 1/(1+eps)). For one Dirac the
    /// bound is an equality, and the two terms of each face value may be large and of opposite signs: the rounding of
    /// the face values, 2^-52 (1+eps)(|s_ou| + |x|/(1+eps)) each, is allowed on top, 4 2^-52 (1+eps) max(|b/(1+eps)| + 2|x|/(1+eps)) / h.
    /// </para>
    /// </summary>
    private static void AssertLiYau(StepCase c, StepperKind kind)
    {
        var stepper = c.Stepper(kind, UpwindFlux.Instance);
        var forward = ForwardProcess.Of(c.Forward);
        for (int k = 0; k < c.Steps; k++)
        {
            double t = c.TNewOf(k);
            stepper.Prepare(t, c.Dtau);
            FaceField faces = stepper.FaceScores;
            double factor = 1 + c.Eps, bound = -factor * forward.TransportCurvatureBound(t, c.Eps) * (1 + 1e-12);
            if (forward.LinearDrift != 0)
            {
                double xMax = c.Lower.Concat(c.Upper).Max(Math.Abs) / factor;
                double fMax = Math.Max(faces.X.Max(Math.Abs), faces.Y.Length > 0 ? faces.Y.Max(Math.Abs) : 0);
                bound -= 4 * FieldMath.Ulp * factor * (fMax + 2 * xMax) / Math.Min(stepper.Grid.X.H, stepper.Grid.Axes[^1].H);
            }
            var grid = stepper.Grid;
            int nx = grid.Nx, ny = grid.Ny;
            double hx = grid.X.H;
            for (int j = 0; j < ny; j++)          // x-lines (in 1D the only line, ny = 1)
                for (int i = 0; i < nx; i++)
                {
                    double b0 = factor * faces.X[i * ny + j], b1 = factor * faces.X[(i + 1) * ny + j];
                    Assert.True(double.IsFinite(b0) && double.IsFinite(b1), $"non-finite face score at x-line {j}");
                    double div = (b1 - b0) / hx;
                    Assert.True(div >= bound, $"x-line {j}, cell {i}, t {t:R}: (b+ - b-)/h = {div:R} < {bound:R}");
                }
            if (grid.Dimension == 1) continue;
            double hy = grid.Y.H;
            for (int i = 0; i < nx; i++)          // y-lines
                for (int j = 0; j < ny; j++)
                {
                    double b0 = factor * faces.Y[i * (ny + 1) + j], b1 = factor * faces.Y[i * (ny + 1) + j + 1];
                    Assert.True(double.IsFinite(b0) && double.IsFinite(b1), $"non-finite face score at y-line {i}");
                    double div = (b1 - b0) / hy;
                    Assert.True(div >= bound, $"y-line {i}, cell {j}, t {t:R}: (b+ - b-)/h = {div:R} < {bound:R}");
                }
        }
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(StepArbitraries)])]
    public void Implicit1DFaceScores_SatisfyDiscreteLiYau_ForAnyDiracMixture(StepCase c) =>
        AssertLiYau(c, StepperKind.Implicit1D);

    [Property(MaxTest = 100, Arbitrary = [typeof(StepArbitraries2D)])]
    public void SplitFaceScores_SatisfyDiscreteLiYauPerSweep_ForAnyDiracMixture(StepCase c)
    {
        AssertLiYau(c, StepperKind.Lie);
        AssertLiYau(c, StepperKind.Strang);
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(StepArbitraries)])]
    public void Implicit1DTransportFaces_SatisfyDiscreteLiYau_ForTheOuProcess(StepCase c) =>
        AssertLiYau(c with { Forward = ForwardKind.OrnsteinUhlenbeck }, StepperKind.Implicit1D);

    [Property(MaxTest = 50, Arbitrary = [typeof(StepArbitraries2D)])]
    public void SplitTransportFaces_SatisfyDiscreteLiYauPerSweep_ForTheOuProcess(StepCase c) =>
        AssertLiYau(c with { Forward = ForwardKind.OrnsteinUhlenbeck }, StepperKind.Lie);
}
