using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Schemes;

/// <summary>
/// Backward Euler in tau for the 1D equation: (I + dtau A) v_new = v_old with A the finite-volume operator of
/// the transport flux (upwind or Scharfetter-Gummel) and zero flux at both walls; one <see cref="Tridiagonal"/>
/// solve per step. A Markov step for every dtau: positivity and mass are exact.
/// </summary>
public sealed class ImplicitStepper1D : IStepper
{
    private readonly BackwardFokkerPlanck _equation;
    private readonly ITransportFlux _flux;
    private readonly double[] _cL, _cR, _scratch;

    public ImplicitStepper1D(BackwardFokkerPlanck equation, Grid grid, ITransportFlux flux)
    {
        if (grid.Dimension != 1 || equation.Dimension != 1) throw new ArgumentException("ImplicitStepper1D needs a 1D grid and score");
        _equation = equation;
        _flux = flux;
        Grid = grid;
        FaceScores = new FaceField(grid);
        _cL = new double[grid.Nx + 1];
        _cR = new double[grid.Nx + 1];
        _scratch = new double[grid.Nx];
    }

    public Grid Grid { get; }
    public FaceField FaceScores { get; }
    public double Courant { get; private set; }
    public IReadOnlyList<Sweep> Sweeps { get; } = [new Sweep(0, 1)];
    public bool IsExactlyPositive => true;

    public void Prepare(double tNew, double dtau)
    {
        _equation.Transport.EvaluateFaces(Grid, tNew, FaceScores);
        double h = Grid.X.H;
        int n = Grid.Nx;   // interior faces 1..n-1; the walls carry no flux
        Courant = _flux.Coefficients(FaceScores.X.AsSpan(1, n - 1), _equation.VelocityFactor, dtau / h,
            _equation.Eps * dtau / (h * h), _cL.AsSpan(1, n - 1), _cR.AsSpan(1, n - 1));
    }

    public void Apply(double[] v) => Tridiagonal.SolveLine(_cL, _cR, v, _scratch);
}
