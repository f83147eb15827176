using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Schemes;
using FsCheck;
using FsCheck.Fluent;

namespace FokkerPlanckGrid.Tests.Arbitraries;

/// <summary>The steppers under test.</summary>
public enum StepperKind { Implicit1D, Lie, Strang, Unsplit }

/// <summary>
/// One random implicit step (or a few): a box, a grid, a Dirac mixture inside it, eps, the new time t_new, the step
/// dtau (Courant numbers from ~1e-8 to ~1e9), terminal data V (possibly with exact zeros) and strictly positive W.
/// </summary>
public sealed record StepCase(
    double[] Lower, double[] Upper, int[] Cells, MixtureSpec Data, double Eps, double TNew, double Dtau, int Steps,
    double[] V, double[] W, ForwardKind Forward = ForwardKind.Heat)
{
    public int Dimension => Cells.Length;

    public Grid Grid => Dimension == 1
        ? Grid.OnInterval(Lower[0], Upper[0], Cells[0])
        : Grid.OnRectangle(Lower[0], Upper[0], Cells[0], Lower[1], Upper[1], Cells[1]);

    /// <summary>The equation of <see cref="Forward"/> with the exact score of the data's laws (OU: b = (1+eps) s_ou + x).</summary>
    public BackwardFokkerPlanck Equation
    {
        get
        {
            var forward = ForwardProcess.Of(Forward);
            return new(CaseBuilder.Exact(forward.Marginals(Data.ToMixture())), Eps, forward);
        }
    }

    /// <summary>t_new of step k (0-based): t_new, t_new/2, t_new/4, ... (each step prepared afresh).</summary>
    public double TNewOf(int k) => TNew * Math.Pow(0.5, k);

    public IStepper Stepper(StepperKind kind, ITransportFlux flux)
    {
        var grid = Grid;
        var equation = Equation;
        return kind switch
        {
            StepperKind.Implicit1D => new ImplicitStepper1D(equation, grid, flux),
            StepperKind.Lie => new SplitStepper2D(equation, grid, flux, strang: false),
            StepperKind.Strang => new SplitStepper2D(equation, grid, flux, strang: true),
            _ => new UnsplitStepper2D(equation, grid, flux),
        };
    }

    public override string ToString() =>
        $"box [{string.Join(", ", Lower.Select(Generators.Format))}]..[{string.Join(", ", Upper.Select(Generators.Format))}], " +
        $"cells {string.Join("x", Cells)}, data {Data}, eps {Generators.Format(Eps)}, t_new {Generators.Format(TNew)}, " +
        $"dtau {Generators.Format(Dtau)}, steps {Steps}, forward {Forward}, V zeros {V.Count(x => x == 0)}/{V.Length}, " +
        $"V range [{Generators.Format(V.Min())}, {Generators.Format(V.Max())}]";
}

/// <summary>FsCheck arbitraries of random steps: 1D n in [4, 200], 2D n in [4, 40] per axis.</summary>
public static class StepArbitraries
{
    /// <summary>
    /// Random steps; one case in four is stiff: a narrow box (half-widths 1 to 2) on many cells, dtau in [1, 10],
    /// eps in [1, 2], t_new in [1e-4, 1e-1], i.e. diffusion numbers ~1e5 and Courant numbers 1e3 to 1e8, where the
    /// Thomas pivots are dominated by huge coefficients and round-off is most exposed.
    /// </summary>
    public static Gen<StepCase> Cases(int dimension, int maxCells) =>
        from stiff in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from lower in Gen.ArrayOf(stiff ? Generators.Uniform(-2, -1) : Generators.Uniform(-20, -1), dimension)
        from upper in Gen.ArrayOf(stiff ? Generators.Uniform(1, 2) : Generators.Uniform(1, 20), dimension)
        from cells in Gen.ArrayOf(Gen.Choose(stiff ? maxCells / 2 : 4, maxCells), dimension)
        from data in Generators.Mixture(lower, upper)
        from eps in stiff ? Generators.Uniform(1, 2) : Generators.Eps
        from tNew in stiff ? Generators.LogUniform(1e-4, 1e-1) : Generators.LogUniform(1e-4, 5)
        from dtau in stiff ? Generators.LogUniform(1, 10) : Generators.LogUniform(1e-6, 10)
        from steps in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Choose(2, 5)))
        let count = cells.Aggregate(1, (a, b) => a * b)
        from v in Generators.Field(count, allowZeros: true)
        from w in Generators.PositiveField(count)
        select new StepCase(lower, upper, cells, data, eps, tNew, dtau, steps, v, w);

    public static Arbitrary<StepCase> StepCase() => Arb.From(Cases(1, 200));
}

/// <summary>2D cases for the split steppers (n in [4, 40] per axis).</summary>
public static class StepArbitraries2D
{
    public static Arbitrary<StepCase> StepCase() => Arb.From(StepArbitraries.Cases(2, 40));
}

/// <summary>
/// 2D cases for the unsplit (BiCGStab + ILU(0)) stepper: n in [4, 16] per axis, because MathNet's ILU(0) set-up
/// costs seconds at 40 x 40 and is redone every step. The property test cuts dtau so that the step's Courant number
/// max|b| dtau/h and diffusion number eps dtau/h^2 are at most 10: beyond that BiCGStab + ILU(0) at relative residual
/// 1e-13 often stops without convergence ("Diverged" by MathNet's heuristic, or 10 000 iterations; e.g. eps = 0,
/// 5 x 6 cells, Courant 1.1e3; eps 1.5, 8 x 13 cells on a box of width 2.6, dtau 7), which the stepper reports by
/// throwing: a limit of the reference solver, not of the Markov property.
/// </summary>
public static class StepArbitrariesUnsplit
{
    public static Arbitrary<StepCase> StepCase() => Arb.From(StepArbitraries.Cases(2, 16));
}
