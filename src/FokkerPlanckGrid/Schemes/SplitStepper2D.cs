using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Scores;

namespace FokkerPlanckGrid.Schemes;

/// <summary>
/// Dimensionally split implicit step in 2D: (I + dtau A_y)^{-1} (I + dtau A_x)^{-1} (Lie) or
/// (I + dtau/2 A_x)^{-1} (I + dtau A_y)^{-1} (I + dtau/2 A_x)^{-1} (Strang), each factor a set of independent
/// tridiagonal line solves (<see cref="LineKernels"/>): x-lines (columns of the C-order array, strided) in strips of
/// adjacent columns with one SIMD lane per line, y-lines (contiguous) eight at a time; strips and blocks of rows are
/// handed out to a <see cref="WorkerTeam"/> one at a time (<see cref="WorkQueue"/>), so a worker slowed by another
/// process does less of the sweep, and every line is solved the same way whoever solves it. A product of Markov matrices is Markov, so positivity and mass are exact for every dtau;
/// every sweep sees a 1D operator whose discrete divergence obeys (b_{i+1/2} - b_{i-1/2}) / h &gt;= -(1+eps)/(2t)
/// (Hess log u &gt;= -I/(2t)), the d = 1 Li-Yau bound per sweep.
/// With the upwind flux the sweeps compute the coefficients from the face score on the fly
/// (<see cref="UpwindFromScore"/>): no coefficient arrays. Other fluxes assemble coefficient arrays once per step.
/// Splitting costs accuracy O(dtau) — measured against <see cref="UnsplitStepper2D"/>. Both Lie and Strang are first
/// order here, since each substep is backward Euler; Strang's symmetric form reduces the splitting error's constant.
/// Nothing is allocated per step.
/// </summary>
public sealed class SplitStepper2D : IStepper
{
    private static readonly Sweep[] LieSweeps = [new(0, 1), new(1, 1)];
    private static readonly Sweep[] StrangSweeps = [new(0, 0.5), new(1, 1), new(0, 0.5)];
    private readonly BackwardFokkerPlanck _equation;
    private readonly ITransportFlux _flux;
    private readonly bool _strang, _onTheFly;
    private readonly int _nx, _ny, _stripWidth, _strips;
    private readonly double[] _cLx = [], _cRx = [], _cLy = [], _cRy = [];
    private readonly double[][] _scratch;
    private readonly double[] _courant;
    private readonly WorkerTeam _team;
    private readonly WorkQueue _queue = new();
    private readonly Action<int> _prepare, _sweepX, _sweepY;
    private double _dtauX, _dtauY;
    private double[] _field = [];

    public SplitStepper2D(BackwardFokkerPlanck equation, Grid grid, ITransportFlux flux, bool strang, int threads = 0)
    {
        if (grid.Dimension != 2 || equation.Dimension != 2) throw new ArgumentException("SplitStepper2D needs a 2D grid and score");
        _equation = equation;
        _flux = flux;
        _strang = strang;
        _onTheFly = flux is UpwindFlux;
        Grid = grid;
        FaceScores = new FaceField(grid);
        _nx = grid.Nx;
        _ny = grid.Ny;
        _team = WorkerTeam.Shared(threads);
        _stripWidth = LineKernels.StripWidth(_nx);
        _strips = _ny / _stripWidth;
        if (!_onTheFly)
        {
            _cLx = new double[(_nx + 1) * _ny];
            _cRx = new double[(_nx + 1) * _ny];
            _cLy = new double[_nx * (_ny + 1)];
            _cRy = new double[_nx * (_ny + 1)];
        }
        _scratch = new double[_team.Size][];
        for (int w = 0; w < _team.Size; w++) _scratch[w] = new double[Math.Max(LineKernels.StripScratch(_nx, _stripWidth), 16 * _ny)];
        _courant = new double[_team.Size];
        _prepare = PrepareWorker;
        _sweepX = SweepX;
        _sweepY = SweepY;
    }

    public Grid Grid { get; }
    public FaceField FaceScores { get; }
    public double Courant { get; private set; }
    public bool IsExactlyPositive => true;
    public IReadOnlyList<Sweep> Sweeps => _strang ? StrangSweeps : LieSweeps;

    /// <summary>Number of worker threads (lines are split into this many contiguous blocks).</summary>
    public int Threads => _team.Size;

    public void Prepare(double tNew, double dtau)
    {
        _equation.Transport.EvaluateFaces(Grid, tNew, FaceScores);
        _dtauX = _strang ? dtau / 2 : dtau;
        _dtauY = dtau;
        if (_onTheFly && _equation.Transport is IInteriorFaceExtrema extrema)
        {
            // the face kernel measured max |s| while writing: no pass over the face arrays
            var (sx, sy) = extrema.InteriorMaxAbs;
            Courant = Math.Max(sx * ScaleX * _dtauY / _dtauX, sy * ScaleY);
            return;
        }
        _team.Run(_prepare);
        double c = 0;
        foreach (var x in _courant) c = Math.Max(c, x);
        Courant = c;   // of the full step: both directions at dtau
    }

    public void Apply(double[] v)
    {
        if (v.Length != Grid.CellCount) throw new ArgumentException("field does not match the grid");
        _field = v;   // the cached worker bodies read the field from here
        RunSweep(_sweepX, StripChunks);
        RunSweep(_sweepY, RowChunks);
        if (_strang) RunSweep(_sweepX, StripChunks);
        _field = [];
    }

    /// <summary>Rows per chunk of the y-sweep: two blocks of eight, a few hundred chunks per sweep at most.</summary>
    private const int RowChunk = 16;

    private int RowChunks => (_nx + RowChunk - 1) / RowChunk;

    /// <summary>Strips per worker's stretch: the x-sweep's chunks are dealt so that concurrent strips lie far apart.</summary>
    private int StripsPerWorker => (_strips + _team.Size - 1) / _team.Size;

    /// <summary>One chunk per strip slot of <see cref="StripFor"/>, and the last for the columns the strips leave over.</summary>
    private int StripChunks => StripsPerWorker * _team.Size + 1;

    /// <summary>
    /// The strip of chunk c: consecutive chunks (taken at about the same time by different workers) go to strips
    /// StripsPerWorker apart, so two workers never walk neighbouring strips together — where a strip boundary falls
    /// inside a cache line (the field need not be 64-byte aligned), both would write that line on every row.
    /// -1: a slot past the last strip; <see cref="_strips"/>: the remaining columns.
    /// </summary>
    private int StripFor(int c)
    {
        if (c == StripChunks - 1) return _strips;
        int s = c % _team.Size * StripsPerWorker + c / _team.Size;
        return s < _strips ? s : -1;
    }

    private void RunSweep(Action<int> sweep, int chunks)
    {
        _queue.Reset(chunks);
        _team.Run(sweep);
    }

    private double ScaleX => _equation.VelocityFactor * _dtauX / Grid.X.H;
    private double ScaleY => _equation.VelocityFactor * _dtauY / Grid.Y.H;
    private double DiffusionX => _equation.Eps * _dtauX / (Grid.X.H * Grid.X.H);
    private double DiffusionY => _equation.Eps * _dtauY / (Grid.Y.H * Grid.Y.H);

    /// <summary>Worker w: the Courant number of its share of the interior faces, and their coefficients if assembled.</summary>
    private void PrepareWorker(int w)
    {
        var (a, b) = Range(w, (_nx - 1) * _ny);   // interior x-face rows f = 1..nx-1, one contiguous span
        var (i0, i1) = Range(w, _nx);
        double cx, cy = 0;
        if (_onTheFly)
        {
            cx = Norms.MaxAbs(FaceScores.X.AsSpan(_ny + a, b - a)) * ScaleX;
            for (int i = i0; i < i1; i++) cy = Math.Max(cy, Norms.MaxAbs(FaceScores.Y.AsSpan(i * (_ny + 1) + 1, _ny - 1)));
            cy *= ScaleY;
        }
        else
        {
            double f = _equation.VelocityFactor;
            cx = _flux.Coefficients(FaceScores.X.AsSpan(_ny + a, b - a), f, _dtauX / Grid.X.H, DiffusionX,
                _cLx.AsSpan(_ny + a, b - a), _cRx.AsSpan(_ny + a, b - a));
            for (int i = i0; i < i1; i++)
            {
                int o = i * (_ny + 1) + 1;
                cy = Math.Max(cy, _flux.Coefficients(FaceScores.Y.AsSpan(o, _ny - 1), f, _dtauY / Grid.Y.H, DiffusionY,
                    _cLy.AsSpan(o, _ny - 1), _cRy.AsSpan(o, _ny - 1)));
            }
        }
        _courant[w] = Math.Max(cx * _dtauY / _dtauX, cy);
    }

    private void SweepX(int w)
    {
        if (_onTheFly) SweepX(w, new UpwindFromScore(FaceScores.X, ScaleX, DiffusionX));
        else SweepX(w, new AssembledCoefficients(_cLx, _cRx));
    }

    private void SweepX<T>(int w, in T coefficients) where T : struct, IFaceCoefficients
    {
        var scratch = _scratch[w];
        while (_queue.TryTake(out int c))
        {
            int s = StripFor(c);
            if (s < 0) continue;
            if (s < _strips) LineKernels.Strip(coefficients, _field, _nx, _ny, s * _stripWidth, _stripWidth, scratch);
            else LineKernels.Columns(coefficients, _field, _nx, _ny, _strips * _stripWidth, _ny, scratch);   // the rest
        }
    }

    private void SweepY(int w)
    {
        if (_onTheFly) SweepY(w, new UpwindFromScore(FaceScores.Y, ScaleY, DiffusionY));
        else SweepY(w, new AssembledCoefficients(_cLy, _cRy));
    }

    private void SweepY<T>(int w, in T coefficients) where T : struct, IFaceCoefficients
    {
        var scratch = _scratch[w];
        while (_queue.TryTake(out int chunk))
        {
            int i = chunk * RowChunk, i1 = Math.Min(i + RowChunk, _nx);
            if (LineKernels.EightRowsAccelerated)
                for (; i + 8 <= i1; i += 8) LineKernels.EightRows(coefficients, _field, i, _ny, scratch);
            for (; i + 4 <= i1; i += 4) LineKernels.FourRows(coefficients, _field, i, _ny, scratch);
            for (; i < i1; i++) LineKernels.OneRow(coefficients, _field, i, _ny, scratch);
        }
    }

    private (int Start, int End) Range(int w, int n) =>
        ((int)((long)n * w / _team.Size), (int)((long)n * (w + 1) / _team.Size));
}
