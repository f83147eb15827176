using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Tests.Arbitraries;
using FokkerPlanckGrid.Tests.Support;
using FsCheck.Xunit;

namespace FokkerPlanckGrid.Tests.Schemes;

/// <summary>
/// MATH.md section 4: every implicit step is a Markov matrix, so positivity holds exactly, mass to round-off and the
/// data-processing inequality KL(Pv || Pw) &lt;= KL(v || w); with exact face scores each sweep obeys the discrete
/// Li-Yau bound. Random Dirac mixtures (1 to 6 points), eps in [0, 2], t_new in [1e-4, 5], dtau in [1e-6, 10]
/// (Courant numbers up to ~1e9), both fluxes, one step or up to five.
/// <para>
/// Round-off bound. The Thomas solve of <see cref="Tridiagonal"/> is subtraction-free (every operation adds,
/// multiplies or divides non-negative numbers), so each computed value is a positive rational function of the
/// roundings (1 + delta), |delta| &lt;= u = 2^-53, of degree at most ~8 per cell of the line: its relative error is at
/// most ~16 n u = 8 n 2^-52 for a line of n cells. A value of a split step passes through an x-line and a y-line (Lie:
/// L = nx + ny; Strang: L = 2 nx + ny; 1D: L = n), and the exact step conserves mass exactly, so the computed mass
/// changes by at most ~8 L 2^-52 relative per step. The tests allow 64 L 2^-52 per step; sums are compensated
/// (<see cref="FieldMath.Sum"/>) so the test adds no round-off of its own.
/// </para>
/// </summary>
public class StepperPropertyTests
{
    private static readonly ITransportFlux[] Fluxes = [UpwindFlux.Instance, ScharfetterGummelFlux.Instance];

    /// <summary>Total length of the lines a value passes through in one step (see the class comment).</summary>
    private static int LineLength(StepCase c, StepperKind kind) => kind switch
    {
        StepperKind.Implicit1D => c.Cells[0],
        StepperKind.Lie => c.Cells[0] + c.Cells[1],
        StepperKind.Strang => 2 * c.Cells[0] + c.Cells[1],
        _ => c.Cells[0] * c.Cells[1],
    };

    private static double RoundOff(StepCase c, StepperKind kind) => 64 * LineLength(c, kind) * FieldMath.Ulp;

    /// <summary>
    /// Positivity without tolerance and mass to 64 L 2^-52 per step, for the exactly positive (direct) steppers.
    /// </summary>
    private static void AssertExactlyMarkov(StepCase c, StepperKind kind)
    {
        foreach (var flux in Fluxes)
        {
            var stepper = c.Stepper(kind, flux);
            Assert.True(stepper.IsExactlyPositive);
            var v = (double[])c.V.Clone();
            double mass0 = FieldMath.Sum(v);
            for (int k = 0; k < c.Steps; k++)
            {
                stepper.Prepare(c.TNewOf(k), c.Dtau);
                stepper.Apply(v);
                for (int p = 0; p < v.Length; p++)
                    Assert.True(v[p] >= 0 && double.IsFinite(v[p]),
                        $"{flux.GetType().Name} step {k}: v[{p}] = {v[p]:R} (Courant {stepper.Courant:G3})");
                double drift = Math.Abs(FieldMath.Sum(v) - mass0) / mass0, bound = (k + 1) * RoundOff(c, kind);
                Assert.True(drift <= bound,
                    $"{flux.GetType().Name} step {k}: relative mass change {drift:G3} > {bound:G3} = {(k + 1) * 64} L 2^-52, " +
                    $"i.e. {drift / (LineLength(c, kind) * FieldMath.Ulp):G3} L 2^-52 (Courant {stepper.Courant:G3})");
            }
        }
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(StepArbitraries)])]
    public void Implicit1DStep_IsExactlyPositiveAndConservesMass_ForAnyDiracMixture(StepCase c) =>
        AssertExactlyMarkov(c, StepperKind.Implicit1D);

    [Property(MaxTest = 100, Arbitrary = [typeof(StepArbitraries2D)])]
    public void LieStep_IsExactlyPositiveAndConservesMass_ForAnyDiracMixture(StepCase c) =>
        AssertExactlyMarkov(c, StepperKind.Lie);

    [Property(MaxTest = 100, Arbitrary = [typeof(StepArbitraries2D)])]
    public void StrangStep_IsExactlyPositiveAndConservesMass_ForAnyDiracMixture(StepCase c) =>
        AssertExactlyMarkov(c, StepperKind.Strang);

    /// <summary>
    /// The Ornstein-Uhlenbeck backward equation transports with b = (1+eps) s_ou + x: a face velocity like any other,
    /// so the same M-matrix argument and the same round-off bound hold (t_new is then OU time).
    /// </summary>
    [Property(MaxTest = 100, Arbitrary = [typeof(StepArbitraries)])]
    public void Implicit1DStep_IsExactlyPositiveAndConservesMass_ForTheOuProcess(StepCase c) =>
        AssertExactlyMarkov(c with { Forward = Cases.ForwardKind.OrnsteinUhlenbeck }, StepperKind.Implicit1D);

    [Property(MaxTest = 50, Arbitrary = [typeof(StepArbitraries2D)])]
    public void SplitSteps_AreExactlyPositiveAndConserveMass_ForTheOuProcess(StepCase c)
    {
        AssertExactlyMarkov(c with { Forward = Cases.ForwardKind.OrnsteinUhlenbeck }, StepperKind.Lie);
        AssertExactlyMarkov(c with { Forward = Cases.ForwardKind.OrnsteinUhlenbeck }, StepperKind.Strang);
    }

    /// <summary>
    /// The unsplit step solves (I + dtau A) x = b by BiCGStab to a relative residual of 1e-13, so its Markov property
    /// holds to the solver tolerance only. With r = b - A x: sum x - sum b = -sum r (unit column sums), and
    /// ||x - x*||_1 = ||A^-1 r||_1 &lt;= ||r||_1 (A^-1 is Markov); ||r||_1 &lt;= N tol ||b||_inf whether MathNet measures
    /// the residual in the 2- or the inf-norm. Hence |mass change| &lt;= N tol ||b||_inf and min x &gt;= -N tol ||b||_inf,
    /// per step (plus the round-off of the assembly, far below).
    /// </summary>
    [Property(MaxTest = 100, Arbitrary = [typeof(StepArbitrariesUnsplit)])]
    public void UnsplitStep_IsPositiveAndConservesMass_ToSolverTolerance(StepCase c)
    {
        foreach (var flux in Fluxes)
        {
            var stepper = (UnsplitStepper2D)c.Stepper(StepperKind.Unsplit, flux);
            // Courant and diffusion numbers <= 10 (see StepArbitrariesUnsplit): shrink dtau accordingly
            stepper.Prepare(c.TNewOf(c.Steps - 1), c.Dtau);
            double h = Math.Min(stepper.Grid.X.H, stepper.Grid.Y.H);
            double stiffness = Math.Max(stepper.Courant, c.Eps * c.Dtau / (h * h));
            if (stiffness > 10) c = c with { Dtau = c.Dtau * 10 / stiffness };
            Assert.False(stepper.IsExactlyPositive);
            var v = (double[])c.V.Clone();
            double mass0 = FieldMath.Sum(v), allowed = 0;
            for (int k = 0; k < c.Steps; k++)
            {
                double slack = v.Length * stepper.Tolerance * v.Max();
                allowed += slack;
                stepper.Prepare(c.TNewOf(k), c.Dtau);
                stepper.Apply(v);
                double min = v.Min(), drift = Math.Abs(FieldMath.Sum(v) - mass0);
                Assert.True(v.All(double.IsFinite), "non-finite value");
                Assert.True(min >= -slack, $"{flux.GetType().Name} step {k}: min {min:G3} < -N tol ||b||_inf = {-slack:G3}");
                Assert.True(drift <= allowed + 64 * v.Length * FieldMath.Ulp * mass0,
                    $"{flux.GetType().Name} step {k}: mass change {drift:G3} > {allowed:G3} (Courant {stepper.Courant:G3})");
            }
        }
    }
}
