using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Scores;

/// <summary>
/// A mixture whose softmax weights separate along the axes of a 2D grid (Dirac atoms, Gaussians with diagonal
/// covariance): what <see cref="SeparableFaceKernel"/> needs of it.
/// </summary>
internal interface ISeparableMixture
{
    int Count { get; }

    /// <summary>Per-step constants of the terms, before any <see cref="Tabulate"/> at time t (called on one thread).</summary>
    void Prepare(double t);

    /// <summary>
    /// The normalised factors along one axis at n positions (scale times its faces or centres) into k-major tables of
    /// row stride <paramref name="stride"/>, and optionally g = e r_k (see <see cref="IAxisTerms"/>). The x axis
    /// (coordinate 0) carries the weights.
    /// </summary>
    void Tabulate(Axis axis, bool faces, int coordinate, int n, int stride, Span<double> e, Span<double> g, double scale);

    /// <summary>The factor of the ratio sum_k g_k F_k / sum_k E_k F_k that gives the score: 1/(2t) for Dirac atoms, 1 for Gaussians.</summary>
    double RatioScale(double t);

    /// <summary>The score at a point by the direct formula (the underflow fallback).</summary>
    void Score(ReadOnlySpan<double> x, double t, Span<double> score);
}

/// <summary>
/// The separable face kernel on a 2D grid (<see cref="ISeparableMixture"/>). The softmax weight of term k factorises,
/// <code>
///   p_k(x, y) ~ E_k(x) F_k(y),   E_k(x) = exp(a_k(x) - M(x)),   F_k(y) = exp(b_k(y) - N(y)),
/// </code>
/// with M(x), N(y) the maxima over k of the exponents, so every factor is &lt;= 1 and the largest is 1. Each factor is
/// tabulated once per grid line per step (K (2 nx + 2 ny + 2) exponentials); a face then costs two multiply-adds per
/// term, s_x = c sum_k E_k r_k F_k / sum_k E_k F_k (c = <see cref="ISeparableMixture.RatioScale"/>), vectorised across
/// the contiguous y index, four face lines per pass. The common scale cancels in the ratio, so the result equals the
/// direct log-sum-exp to rounding — except where every product E_k F_k underflows (t -&gt; 0 far from the data, the
/// maximising k of x and of y differ): faces whose sum falls below 1e-290 are recomputed by the direct formula.
/// Positions may be scaled, s -&gt; a s(a x, t) (<see cref="Evaluate"/>), for the Ornstein-Uhlenbeck laws.
/// </summary>
internal sealed class SeparableFaceKernel
{
    private const double Underflow = 1e-290;
    private readonly ISeparableMixture _mixture;
    private Grid? _grid;
    // tables, k-major: [k * _stride + index]
    private double[] _exFace = [], _gxFace = [], _eyCenter = [];     // x-faces: E, E r at x-faces; F at y-centres
    private double[] _exCenter = [], _eyFace = [], _gyFace = [];     // y-faces: E at x-centres; F, F r at y-faces
    private int _stride;   // of the tables' k rows
    private readonly WorkerTeam _team;
    private readonly WorkQueue _queue = new();
    private readonly Action<int> _tables, _lines;
    private double _t, _scale = 1;
    private FaceField? _faces;
    private readonly double[] _maxX, _maxY;   // per worker: max |s| over the interior faces it wrote
    private readonly double[][] _lineScalars;  // per worker: the four lines' e_k and a_k (heap: K may be large)

    public SeparableFaceKernel(ISeparableMixture mixture, int threads)
    {
        _mixture = mixture;
        _team = WorkerTeam.Shared(threads);
        _tables = BuildTables;
        _lines = FaceLines;
        _maxX = new double[_team.Size];
        _maxY = new double[_team.Size];
        _lineScalars = new double[_team.Size][];
        for (int w = 0; w < _team.Size; w++) _lineScalars[w] = new double[2 * Lines * mixture.Count];
    }

    /// <summary>(max |s_x|, max |s_y|) over the interior faces of the last evaluation.</summary>
    public (double X, double Y) InteriorMaxAbs { get; private set; }

    /// <summary>
    /// The faces of a s(a x, t), a = <paramref name="scale"/> (1: the score itself, to the bit: every position is
    /// multiplied by a before use and every result by a after).
    /// </summary>
    public void Evaluate(Grid grid, double t, FaceField faces, double scale)
    {
        if (!ReferenceEquals(grid, _grid)) Allocate(grid);
        _t = t;
        _scale = scale;
        _faces = faces;
        _mixture.Prepare(t);
        _team.Run(_tables);
        _queue.Reset(Chunks);
        _team.Run(_lines);
        _faces = null;
        InteriorMaxAbs = (_maxX.Max(), _maxY.Max());
    }

    private void Allocate(Grid grid)
    {
        int k = _mixture.Count, nx = grid.Nx, ny = grid.Ny;
        _grid = grid;
        // rows of consecutive k a little more than a multiple of 4 KB apart: with a power-of-two row length the four
        // column rows read per face and the destination rows written would meet in the same cache sets
        _stride = (Math.Max(nx, ny) + 1 + 3) / 4 * 4 + 4;
        _exFace = new double[k * _stride];
        _gxFace = new double[k * _stride];
        _eyCenter = new double[k * _stride];
        _exCenter = new double[k * _stride];
        _eyFace = new double[k * _stride];
        _gyFace = new double[k * _stride];
    }

    /// <summary>Worker w builds the tables w, w + Size, ... of the four.</summary>
    private void BuildTables(int w)
    {
        var grid = _grid!;
        int nx = grid.Nx, ny = grid.Ny;
        for (int table = w; table < 4; table += _team.Size)
        {
            switch (table)
            {
                case 0: Tabulate(grid.X, faces: true, 0, _exFace, _gxFace, nx + 1); break;
                case 1: Tabulate(grid.Y, faces: false, 1, _eyCenter, null, ny); break;
                case 2: Tabulate(grid.X, faces: false, 0, _exCenter, null, nx); break;
                default: Tabulate(grid.Y, faces: true, 1, _eyFace, _gyFace, ny + 1); break;
            }
        }
    }

    /// <summary>Face lines per chunk of work: each column-table vector loaded serves this many lines.</summary>
    private const int Lines = 4;

    /// <summary>Chunks of <see cref="Lines"/> x-face lines (0..nx), then of y-face lines (0..nx-1).</summary>
    private int XChunks => (_grid!.Nx + 1 + Lines - 1) / Lines;

    private int Chunks => XChunks + (_grid!.Nx + Lines - 1) / Lines;

    /// <summary>Worker w: chunks of face lines as they come, and the max |s| over the interior faces it wrote.</summary>
    private void FaceLines(int w)
    {
        int nx = _grid!.Nx, ny = _grid.Ny, xChunks = XChunks;
        var faces = _faces!;
        double maxX = 0, maxY = 0;
        while (_queue.TryTake(out int c))
        {
            if (c < xChunks)
            {
                int i0 = c * Lines, i1 = Math.Min(i0 + Lines, nx + 1);
                // x-faces of lines i (fixed x = x_{i-1/2}, all y_j): s_x = c sum_k g_k(x) F_k(y) / sum_k E_k(x) F_k(y)
                if (Combine(_exFace, _gxFace, i0, nx, _eyCenter, _eyCenter, ny, faces.X, ny, numeratorFromLine: true, _lineScalars[w]))
                    for (int i = i0; i < i1; i++) FixUnderflow(faces.X.AsSpan(i * ny, ny), i, xFaces: true);
                for (int i = Math.Max(i0, 1); i < Math.Min(i1, nx); i++)   // the walls (lines 0 and nx) carry no flux
                    maxX = Math.Max(maxX, Norms.MaxAbs(faces.X.AsSpan(i * ny, ny)));
            }
            else
            {
                int i0 = (c - xChunks) * Lines, i1 = Math.Min(i0 + Lines, nx);
                // y-faces of lines i (fixed x = x_i, all y_{j-1/2}): s_y = c sum_k E_k(x) h_k(y) / sum_k E_k(x) F_k(y)
                if (Combine(_exCenter, _exCenter, i0, nx - 1, _eyFace, _gyFace, ny + 1, faces.Y, ny + 1, numeratorFromLine: false, _lineScalars[w]))
                    for (int i = i0; i < i1; i++) FixUnderflow(faces.Y.AsSpan(i * (ny + 1), ny + 1), i, xFaces: false);
                for (int i = i0; i < i1; i++)
                    maxY = Math.Max(maxY, Norms.MaxAbs(faces.Y.AsSpan(i * (ny + 1) + 1, ny - 1)));
            }
        }
        _maxX[w] = maxX;
        _maxY[w] = maxY;
    }

    /// <summary>E_k (or F_k) at n positions of one axis, normalised by the max over k; optionally times r_k.</summary>
    private void Tabulate(Axis axis, bool faces, int coordinate, double[] e, double[]? g, int n) =>
        _mixture.Tabulate(axis, faces, coordinate, n, _stride, e, g ?? Span<double>.Empty, _scale);

    /// <summary>
    /// Lines i = i0..i0+3 (those past <paramref name="last"/> repeat it) of length n, line i at dest[i * n ..]:
    /// dest[j] = c sum_k a_k num_k[j] / sum_k e_k den_k[j] (c = a times the ratio scale) with per-line scalars e_k = lineE[k, i] and
    /// a_k = lineG[k, i] (numeratorFromLine; num_k = colE) or a_k = e_k with num_k = colG (otherwise). The four lines
    /// share every column-table vector (loaded once, two multiply-adds per point and line), which a line at a time
    /// would load again for each line. Faces whose denominator underflows are marked NaN for
    /// <see cref="FixUnderflow"/>; returns whether there are any.
    /// </summary>
    private bool Combine(double[] lineE, double[] lineG, int i0, int last, double[] colE, double[] colG, int n,
        double[] dest, int destStride, bool numeratorFromLine, double[] scalars)
    {
        int count = _mixture.Count, ld = _stride;
        double ratioScale = _scale * _mixture.RatioScale(_t);   // a / (2t) for atoms, a for Gaussians
        // per k, the four lines' scalars side by side
        Span<double> e = scalars.AsSpan(0, Lines * count);
        Span<double> a = scalars.AsSpan(Lines * count, Lines * count);
        for (int k = 0; k < count; k++)
            for (int q = 0; q < Lines; q++)
            {
                int i = Math.Min(i0 + q, last);
                e[k * Lines + q] = lineE[k * ld + i];
                a[k * Lines + q] = numeratorFromLine ? lineG[k * ld + i] : e[k * Lines + q];
            }
        var numerator = numeratorFromLine ? colE : colG;
        ref double rDen = ref MemoryMarshal.GetArrayDataReference(colE);
        ref double rNum = ref MemoryMarshal.GetArrayDataReference(numerator);
        ref double rE = ref MemoryMarshal.GetReference(e);
        ref double rA = ref MemoryMarshal.GetReference(a);
        ref double d0 = ref MemoryMarshal.GetArrayDataReference(dest);
        ref double d1 = ref Unsafe.Add(ref d0, Math.Min(i0 + 1, last) * destStride);
        ref double d2 = ref Unsafe.Add(ref d0, Math.Min(i0 + 2, last) * destStride);
        ref double d3 = ref Unsafe.Add(ref d0, Math.Min(i0 + 3, last) * destStride);
        d0 = ref Unsafe.Add(ref d0, i0 * destStride);
        int j = 0, vc = Vector<double>.Count;
        var tiny = new Vector<double>(Underflow);
        var scale = new Vector<double>(ratioScale);
        var small = Vector<double>.Zero;
        for (; j <= n - vc; j += vc)
        {
            Vector<double> den0 = default, den1 = default, den2 = default, den3 = default;
            Vector<double> num0 = default, num1 = default, num2 = default, num3 = default;
            for (int k = 0; k < count; k++)
            {
                var cd = Vector.LoadUnsafe(ref rDen, (nuint)(k * ld + j));
                var cn = Vector.LoadUnsafe(ref rNum, (nuint)(k * ld + j));
                ref double ek = ref Unsafe.Add(ref rE, k * Lines);
                ref double ak = ref Unsafe.Add(ref rA, k * Lines);
                den0 = Vector.FusedMultiplyAdd(new Vector<double>(ek), cd, den0);
                num0 = Vector.FusedMultiplyAdd(new Vector<double>(ak), cn, num0);
                den1 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref ek, 1)), cd, den1);
                num1 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref ak, 1)), cn, num1);
                den2 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref ek, 2)), cd, den2);
                num2 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref ak, 2)), cn, num2);
                den3 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref ek, 3)), cd, den3);
                num3 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref ak, 3)), cn, num3);
            }
            Finish(den0, num0, ref d0, j, scale, tiny, ref small);
            Finish(den1, num1, ref d1, j, scale, tiny, ref small);
            Finish(den2, num2, ref d2, j, scale, tiny, ref small);
            Finish(den3, num3, ref d3, j, scale, tiny, ref small);
        }
        bool any = small != Vector<double>.Zero;
        for (; j < n; j++)
            for (int q = 0; q < Lines; q++)
            {
                double num = 0, den = 0;
                for (int k = 0; k < count; k++)
                {
                    den += e[k * Lines + q] * colE[k * ld + j];
                    num += a[k * Lines + q] * numerator[k * ld + j];
                }
                any |= den < Underflow;
                dest[Math.Min(i0 + q, last) * destStride + j] = den < Underflow ? double.NaN : num / den * ratioScale;
            }
        return any;
    }

    /// <summary>num / den * scale into dest[j..], NaN where den underflows (and noted in <paramref name="small"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector<double> den, Vector<double> num, ref double dest, int j, Vector<double> scale,
        Vector<double> tiny, ref Vector<double> small)
    {
        var under = Vector.LessThan(den, tiny);
        small |= under.As<long, double>();
        Vector.ConditionalSelect(under, new Vector<double>(double.NaN), num / den * scale).StoreUnsafe(ref dest, (nuint)j);
    }

    /// <summary>The faces of line i marked NaN by <see cref="Combine"/>, by the direct formula.</summary>
    private void FixUnderflow(Span<double> dest, int i, bool xFaces)
    {
        Span<double> x = stackalloc double[2];
        Span<double> s = stackalloc double[2];
        var grid = _grid!;
        for (int j = 0; j < dest.Length; j++)
        {
            if (!double.IsNaN(dest[j])) continue;
            x[0] = _scale * (xFaces ? grid.X.Face(i) : grid.X.Center(i));
            x[1] = _scale * (xFaces ? grid.Y.Center(j) : grid.Y.Face(j));
            _mixture.Score(x, _t, s);
            dest[j] = _scale * (xFaces ? s[0] : s[1]);
        }
    }
}
