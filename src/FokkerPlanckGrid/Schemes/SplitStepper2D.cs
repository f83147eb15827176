using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Schemes;

/// <summary>
/// Dimensionally split implicit step in 2D: (I + dtau A_y)^{-1} (I + dtau A_x)^{-1} (Lie) or
/// (I + dtau/2 A_x)^{-1} (I + dtau A_y)^{-1} (I + dtau/2 A_x)^{-1} (Strang), each factor a set of independent
/// <see cref="Tridiagonal"/> line solves: x-lines (columns of the C-order array, strided) by <see cref="StripSweep"/>,
/// y-lines (contiguous) one by one, in parallel over lines. A product of Markov matrices is Markov, so positivity and
/// mass are exact for every dtau; every sweep sees a 1D operator whose discrete divergence obeys
/// (b_{i+1/2} - b_{i-1/2}) / h &gt;= -(1+eps)/(2t) (Hess log u &gt;= -I/(2t)), the d = 1 Li-Yau bound per sweep.
/// Splitting costs accuracy O(dtau) (Lie) — measured against <see cref="UnsplitStepper2D"/>. Both Lie and Strang
/// are first order here, since each substep is backward Euler; Strang's symmetric form halves the leading error.
/// </summary>
public sealed class SplitStepper2D : IStepper
{
    private readonly BackwardFokkerPlanck _equation;
    private readonly ITransportFlux _flux;
    private readonly bool _strang;
    private readonly int _nx, _ny, _workers, _stripWidth, _strips;
    private readonly double[] _cLx, _cRx, _cLy, _cRy;
    private readonly double[][] _scratch;
    private readonly double[] _courant;
    private readonly ParallelOptions _options;
    private readonly Action<int> _assemble, _sweepX, _sweepY;
    private double _dtauX, _dtauY;
    private double[] _field = [];

    public SplitStepper2D(BackwardFokkerPlanck equation, Grid grid, ITransportFlux flux, bool strang, int threads = 0)
    {
        if (grid.Dimension != 2 || equation.Dimension != 2) throw new ArgumentException("SplitStepper2D needs a 2D grid and score");
        _equation = equation;
        _flux = flux;
        _strang = strang;
        Grid = grid;
        FaceScores = new FaceField(grid);
        _nx = grid.Nx;
        _ny = grid.Ny;
        _workers = Math.Max(1, Math.Min(threads > 0 ? threads : Environment.ProcessorCount, _nx));
        _options = new ParallelOptions { MaxDegreeOfParallelism = _workers };
        _stripWidth = StripSweep.PreferredWidth;
        _strips = _ny / _stripWidth;
        _cLx = new double[(_nx + 1) * _ny];
        _cRx = new double[(_nx + 1) * _ny];
        _cLy = new double[_nx * (_ny + 1)];
        _cRy = new double[_nx * (_ny + 1)];
        _scratch = new double[_workers][];
        for (int w = 0; w < _workers; w++) _scratch[w] = new double[Math.Max((_nx + 1) * _stripWidth, _ny)];
        _courant = new double[_workers];
        _assemble = Assemble;
        _sweepX = SweepX;
        _sweepY = SweepY;
    }

    public Grid Grid { get; }
    public FaceField FaceScores { get; }
    public double Courant { get; private set; }
    public bool IsExactlyPositive => true;

    /// <summary>Number of worker threads (lines are split into this many contiguous blocks).</summary>
    public int Threads => _workers;

    public void Prepare(double tNew, double dtau)
    {
        _equation.Score.EvaluateFaces(Grid, tNew, FaceScores);
        _dtauX = _strang ? dtau / 2 : dtau;
        _dtauY = dtau;
        Parallel.For(0, _workers, _options, _assemble);
        // report the Courant number of the full step (both directions at dtau)
        double c = 0;
        foreach (var x in _courant) c = Math.Max(c, x);
        Courant = c;
    }

    public void Apply(double[] v)
    {
        if (v.Length != Grid.CellCount) throw new ArgumentException("field does not match the grid");
        _field = v;   // the cached parallel bodies read the field from here
        Parallel.For(0, _workers, _options, _sweepX);
        Parallel.For(0, _workers, _options, _sweepY);
        if (_strang) Parallel.For(0, _workers, _options, _sweepX);
        _field = [];
    }

    private void Assemble(int w)
    {
        double hx = Grid.X.H, hy = Grid.Y.H, eps = _equation.Eps, f = _equation.VelocityFactor;
        // x-faces: interior rows f = 1..nx-1 are one contiguous span; split it evenly
        var (a, b) = Range(w, (_nx - 1) * _ny);
        double cx = _flux.Coefficients(FaceScores.X.AsSpan(_ny + a, b - a), f, _dtauX / hx, eps * _dtauX / (hx * hx),
            _cLx.AsSpan(_ny + a, b - a), _cRx.AsSpan(_ny + a, b - a));
        // y-faces: per x-line i, interior faces 1..ny-1
        var (i0, i1) = Range(w, _nx);
        double cy = 0;
        for (int i = i0; i < i1; i++)
        {
            int o = i * (_ny + 1) + 1;
            cy = Math.Max(cy, _flux.Coefficients(FaceScores.Y.AsSpan(o, _ny - 1), f, _dtauY / hy, eps * _dtauY / (hy * hy),
                _cLy.AsSpan(o, _ny - 1), _cRy.AsSpan(o, _ny - 1)));
        }
        _courant[w] = Math.Max(cx * _dtauY / _dtauX, cy);
    }

    private void SweepX(int w)
    {
        var scratch = _scratch[w];
        var (s0, s1) = Range(w, _strips);
        for (int s = s0; s < s1; s++)
            StripSweep.Solve(_cLx, _cRx, _field, _nx, _ny, s * _stripWidth, _stripWidth, scratch);
        if (w == _workers - 1)
            for (int j = _strips * _stripWidth; j < _ny; j++)
                Tridiagonal.SolveStridedLine(_cLx.AsSpan(j), _cRx.AsSpan(j), _field.AsSpan(j), _nx, _ny, scratch);
    }

    private void SweepY(int w)
    {
        var scratch = _scratch[w];
        var (i0, i1) = Range(w, _nx);
        for (int i = i0; i < i1; i++)
            Tridiagonal.SolveLine(_cLy.AsSpan(i * (_ny + 1), _ny + 1), _cRy.AsSpan(i * (_ny + 1), _ny + 1),
                _field.AsSpan(i * _ny, _ny), scratch);
    }

    private (int Start, int End) Range(int w, int n) => ((int)((long)n * w / _workers), (int)((long)n * (w + 1) / _workers));
}
