using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double.Solvers;
using MathNet.Numerics.LinearAlgebra.Solvers;

namespace FokkerPlanckGrid.Schemes;

/// <summary>
/// The unsplit implicit step in 2D: (I + dtau (A_x + A_y)) v_new = v_old with the 5-point finite-volume operator,
/// assembled as a sparse matrix each step and solved by BiCGStab (MathNet.Numerics) with an ILU(0) preconditioner
/// (<see cref="SparseIlu0"/>).
/// It is the reference that measures the splitting error of <see cref="SplitStepper2D"/>. The matrix is the same kind
/// of M-matrix with unit column sums, so the exact solution is a Markov step; the iterative solve reaches it only to
/// the solver tolerance (<see cref="Tolerance"/>: the true residual ||b - A x||_inf &lt;= tol ||b||_inf, reached by
/// iterative refinement with BiCGStab as the inner solver), so that
/// |mass change| &lt;= N tol ||b||_inf and min v &gt;= -N tol ||b||_inf per step: positivity and mass hold to that tolerance,
/// not to round-off (<see cref="IsExactlyPositive"/> is false). Each step allocates the matrix: a reference, not a
/// fast path.
/// </summary>
public sealed class UnsplitStepper2D : IStepper
{
    private readonly BackwardFokkerPlanck _equation;
    private readonly ITransportFlux _flux;
    private readonly int _nx, _ny;
    private readonly double[] _cLx, _cRx, _cLy, _cRy;
    private Matrix<double>? _matrix;
    private SparseIlu0? _preconditioner;

    public UnsplitStepper2D(BackwardFokkerPlanck equation, Grid grid, ITransportFlux flux, double tolerance = 1e-13)
    {
        if (grid.Dimension != 2 || equation.Dimension != 2) throw new ArgumentException("UnsplitStepper2D needs a 2D grid and score");
        _equation = equation;
        _flux = flux;
        Grid = grid;
        Tolerance = tolerance;
        FaceScores = new FaceField(grid);
        _nx = grid.Nx;
        _ny = grid.Ny;
        _cLx = new double[(_nx + 1) * _ny];
        _cRx = new double[(_nx + 1) * _ny];
        _cLy = new double[_nx * (_ny + 1)];
        _cRy = new double[_nx * (_ny + 1)];
    }

    public Grid Grid { get; }
    public FaceField FaceScores { get; }
    public double Courant { get; private set; }
    public IReadOnlyList<Sweep> Sweeps { get; } = [new Sweep(-1, 1)];
    public bool IsExactlyPositive => false;

    /// <summary>Relative residual at which BiCGStab stops.</summary>
    public double Tolerance { get; }

    /// <summary>Inner Krylov solves (refinement rounds, fallbacks included) of the last solve.</summary>
    public int LastAttempts { get; private set; }

    public void Prepare(double tNew, double dtau)
    {
        _equation.Transport.EvaluateFaces(Grid, tNew, FaceScores);
        double hx = Grid.X.H, hy = Grid.Y.H, eps = _equation.Eps, f = _equation.VelocityFactor;
        double cx = _flux.Coefficients(FaceScores.X.AsSpan(_ny, (_nx - 1) * _ny), f, dtau / hx, eps * dtau / (hx * hx),
            _cLx.AsSpan(_ny, (_nx - 1) * _ny), _cRx.AsSpan(_ny, (_nx - 1) * _ny));
        double cy = 0;
        for (int i = 0; i < _nx; i++)
        {
            int o = i * (_ny + 1) + 1;
            cy = Math.Max(cy, _flux.Coefficients(FaceScores.Y.AsSpan(o, _ny - 1), f, dtau / hy, eps * dtau / (hy * hy),
                _cLy.AsSpan(o, _ny - 1), _cRy.AsSpan(o, _ny - 1)));
        }
        Courant = Math.Max(cx, cy);
        _matrix = Assemble();
    }

    public void Apply(double[] v)
    {
        var matrix = _matrix ?? throw new InvalidOperationException("Prepare before Apply");
        // Solve for v_new / s with s = max v_old, so that the right-hand side is O(1) whatever the data's scale.
        double scale = 0;
        foreach (var value in v) scale = Math.Max(scale, Math.Abs(value));
        if (scale == 0) return;   // v = 0 is its own image
        var rhs = Vector<double>.Build.DenseOfArray(v) / scale;
        var x = rhs.Clone();   // v_old is a good first guess
        double target = Tolerance * rhs.InfinityNorm();   // = Tolerance: rhs is scaled to max 1
        LastAttempts = 0;
        // Iterative refinement on the true residual: solve A d = r = b - A x to a modest relative accuracy (1e-9) and
        // correct x += d, until ||r||_inf <= tol ||b||_inf. The Krylov recurrences drift from the true residual near
        // round-off, so a single run "converged" to 1e-13 need not be; each correction gains ~9 digits on the true
        // residual. Inner solver: BiCGStab (ILU(0)); where it breaks down or diverges (e.g. a right-hand side held by
        // a few cells), TFQMR; for a small system that neither solves, a dense LU.
        IIterativeSolver<double>[] solvers = [new BiCgStab(), new TFQMR()];
        string status = "";
        var residual = rhs - matrix * x;
        double norm = residual.InfinityNorm();
        for (int round = 0; round < 8 && norm > target; round++)
        {
            Vector<double>? best = null;
            foreach (var solver in solvers)
            {
                var d = Vector<double>.Build.Dense(rhs.Count);
                var iterator = new Iterator<double>(
                    new IterationCountStopCriterion<double>(2_000),
                    new ResidualStopCriterion<double>(1e-9),
                    new DivergenceStopCriterion<double>());
                try
                {
                    solver.Solve(matrix, residual, d, iterator, _preconditioner!);
                }
                catch (MathNet.Numerics.NumericalBreakdownException)
                {
                    // judged by the corrected residual below
                }
                LastAttempts++;
                status = $"{solver.GetType().Name}: {iterator.Status}";
                if (!d.ForAll(double.IsFinite)) continue;
                var corrected = residual - matrix * d;
                if (corrected.InfinityNorm() < 0.5 * norm) { best = d; break; }
            }
            if (best is null) break;
            x += best;
            residual = rhs - matrix * x;
            norm = residual.InfinityNorm();
        }
        if (norm > target && _nx * _ny <= 2500)
        {
            x = Matrix<double>.Build.DenseOfArray(matrix.ToArray()).LU().Solve(rhs);
            norm = (rhs - matrix * x).InfinityNorm();
            status = "dense LU";
        }
        if (!(norm <= target))
            throw new InvalidOperationException(
                $"the unsplit solve did not reach the relative residual {Tolerance:G2}: {norm:G3} ({status})");
        for (int p = 0; p < v.Length; p++) v[p] = x[p] * scale;
    }

    private Matrix<double> Assemble()
    {
        int n = _nx * _ny;
        var rowPointers = new int[n + 1];
        var columns = new int[5 * n];
        var values = new double[5 * n];
        int k = 0;
        for (int i = 0; i < _nx; i++)
        for (int j = 0; j < _ny; j++)
        {
            int p = i * _ny + j;
            rowPointers[p] = k;
            int xf = i * _ny + j, yf = i * (_ny + 1) + j;
            // row p: -cLx[i] v(i-1,j) - cLy[j] v(i,j-1) + diag v + cRy[j+1] v(i,j+1) + cRx[i+1] v(i+1,j)
            if (i > 0) { columns[k] = p - _ny; values[k++] = -_cLx[xf]; }
            if (j > 0) { columns[k] = p - 1; values[k++] = -_cLy[yf]; }
            columns[k] = p;
            values[k++] = 1 + (_cLx[xf + _ny] - _cRx[xf]) + (_cLy[yf + 1] - _cRy[yf]);
            if (j < _ny - 1) { columns[k] = p + 1; values[k++] = _cRy[yf + 1]; }
            if (i < _nx - 1) { columns[k] = p + _ny; values[k++] = _cRx[xf + _ny]; }
        }
        rowPointers[n] = k;
        _preconditioner = new SparseIlu0(rowPointers, columns, values, n);
        return Matrix<double>.Build.SparseFromCompressedSparseRowFormat(n, n, k, rowPointers, columns, values);
    }
}
