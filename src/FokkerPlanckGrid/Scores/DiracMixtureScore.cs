using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Scores;

/// <summary>
/// The exact score of a Dirac mixture with a separable face kernel. On a 2D grid the softmax weight factorises,
/// <code>
///   w_k exp(-|x - y_k|^2 / 4t) = E_k(x) F_k(y),   E_k(x) = exp(log w_k - (x - y_k,x)^2/4t - M(x)),
///                                                F_k(y) = exp(-(y - y_k,y)^2/4t - N(y)),
/// </code>
/// with M(x), N(y) the maxima over k of the exponents, so every factor is &lt;= 1 and the largest is 1. Each factor is
/// tabulated once per grid line per step (K (2 nx + 2 ny + 2) exponentials, by <see cref="SeparableSoftmax"/>, which
/// the centre diagnostics of <see cref="SoftmaxCovariance"/> share); a face then costs two multiply-adds per
/// point, s_x = sum_k E_k (y_k,x - x) F_k / (2t sum_k E_k F_k), vectorised across the contiguous y index. The common
/// scale cancels in the ratio, so the result equals the direct log-sum-exp to rounding — except where every product
/// E_k F_k underflows (t -&gt; 0 far from the data, the maximising k of x and of y differ): faces whose sum falls
/// below 1e-290 are recomputed by the direct formula. In 1D the direct formula is used (K exponentials per face).
/// </summary>
public sealed class DiracMixtureScore : IScore, IInteriorFaceExtrema
{
    private const double Underflow = 1e-290;

    /// <summary>Softmax terms e^(a_k - max) with a_k - max below this are 0 in the 1D kernel (see Faces1D).</summary>
    public const double ExpCutoff = -708;
    private readonly DiracMixture _data;
    private Grid? _grid;
    // tables, k-major: [k * _stride + index]
    private double[] _exFace = [], _gxFace = [], _eyCenter = [];     // x-faces: E, E*(y_kx - x) at x-faces; F at y-centres
    private double[] _exCenter = [], _eyFace = [], _gyFace = [];     // y-faces: E at x-centres; F, F*(y_ky - y) at y-faces
    private int _stride;   // of the tables' k rows
    private readonly WorkerTeam _team;
    private readonly WorkQueue _queue = new();
    private readonly Action<int> _tables, _lines;
    private double _t, _scale = 1;
    private FaceField? _faces;
    private readonly double[] _maxX, _maxY;   // per worker: max |s| over the interior faces it wrote

    /// <param name="data">the mixture</param>
    /// <param name="threads">worker threads for the face kernel (0: one per core)</param>
    public DiracMixtureScore(DiracMixture data, int threads = 0)
    {
        _data = data;
        _team = WorkerTeam.Shared(threads);
        _tables = BuildTables;
        _lines = FaceLines;
        _maxX = new double[_team.Size];
        _maxY = new double[_team.Size];
    }

    /// <inheritdoc/>
    public (double X, double Y) InteriorMaxAbs { get; private set; }

    public DiracMixture Data => _data;
    public int Dimension => _data.Dimension;
    public (double Min, double Max) TimeRange => (0, double.PositiveInfinity);

    public void Evaluate(ReadOnlySpan<double> x, double t, Span<double> score) => _data.Score(x, t, score);

    public void EvaluateFaces(Grid grid, double t, FaceField faces) => EvaluateFaces(grid, t, faces, 1);

    /// <summary>
    /// The faces of a s(a x, t) for a = <paramref name="scale"/>: the score of the laws a^d u(a x, t), which is how the
    /// Ornstein-Uhlenbeck laws map onto the heat flow (<see cref="OrnsteinUhlenbeckMarginals"/>). Every position is
    /// multiplied by a before use and every result by a after, so a = 1 gives the heat-flow faces bit for bit.
    /// </summary>
    internal void EvaluateFaces(Grid grid, double t, FaceField faces, double scale)
    {
        _scale = scale;
        if (grid.Dimension == 1) { Faces1D(grid, t, faces.X); return; }
        if (!ReferenceEquals(grid, _grid)) Allocate(grid);
        _t = t;
        _faces = faces;
        _team.Run(_tables);
        _queue.Reset(Chunks);
        _team.Run(_lines);
        _faces = null;
        InteriorMaxAbs = (_maxX.Max(), _maxY.Max());
    }

    /// <summary>
    /// 1D: the direct log-sum-exp at every face, serially (a 1D line is too short to share out), four faces per
    /// SIMD vector with the vector exp of System.Numerics (about 1 ulp; the tests compare with the scalar formula).
    /// <para>
    /// Terms with exponent a_k - max below <see cref="ExpCutoff"/> = -708 are set to 0 (and an atom below it in every
    /// lane costs no exponential): Vector.Exp leaves its fast path for arguments under ln(2^-1022) = -708.4 and is
    /// 4-30 times slower there (measured), and at small t most terms are far below it (P1 at t = 0.05: -1500 at the
    /// walls). Why the result is unchanged to rounding: with p_max = 1, z = sum_k p_k &gt;= 1, so dropping terms
    /// p_k &lt; e^-708 = 3.3e-308 changes z by less than K 3.3e-308, far below its last bit. The numerator
    /// sum_k p_k (y_k - x) changes by at most K 3.3e-308 max|y_k - x|, while its own rounding error is about
    /// u sum_k p_k |y_k - x| &gt;= u |y_max - x|; so the change is below rounding unless the largest term's offset
    /// y_max - x is below ~1e-292, i.e. a face exactly on an atom. There the true numerator is the sum of the other
    /// terms: if all of them are below e^-708 the exact score is at most K e^-708 max|y_k - x| / (2t), an
    /// underflow-level number that the scalar formula itself forms from subnormal products with no relative accuracy;
    /// the kernel returns the sum of the terms above the cut-off (0 if none). A cut-off relative to the largest term
    /// such as e^-40 would not be safe here: on an atom the e^-41 neighbours are the whole answer. The scalar tail
    /// applies the same rule, so a face's value does not depend on its place in a vector.
    /// </para>
    /// </summary>
    private void Faces1D(Grid grid, double t, double[] dest)
    {
        int count = _data.Count, n = grid.Nx + 1, vc = Vector<double>.Count;
        var points = _data.PointData;
        var logW = _data.LogWeights;
        double inv4t = 1 / (4 * t), inv2t = _scale / (2 * t), scale = _scale;
        Span<double> offsets = stackalloc double[vc];
        for (int k = 0; k < vc; k++) offsets[k] = k;
        var step = new Vector<double>(offsets);
        var vInv4t = new Vector<double>(inv4t);
        var cut = new Vector<double>(ExpCutoff);
        int i = 0;
        for (; i <= n - 1 - vc; i += vc)   // the last face (the wall) goes through the scalar loop, at Axis.Face exactly
        {
            var x = (new Vector<double>(grid.X.Lower) + (new Vector<double>(i) + step) * new Vector<double>(grid.X.H)) * new Vector<double>(scale);
            var max = new Vector<double>(double.NegativeInfinity);
            for (int k = 0; k < count; k++)
            {
                var d = x - new Vector<double>(points[k]);
                max = Vector.Max(max, new Vector<double>(logW[k]) - d * d * vInv4t);
            }
            var z = Vector<double>.Zero;
            var num = Vector<double>.Zero;
            for (int k = 0; k < count; k++)
            {
                var d = x - new Vector<double>(points[k]);
                var a = new Vector<double>(logW[k]) - d * d * vInv4t - max;
                if (Vector.LessThanAll(a, cut)) continue;   // below the cut-off in every lane: no exponential
                var p = Vector.ConditionalSelect(Vector.LessThan(a, cut), Vector<double>.Zero, Vector.Exp(Vector.Max(a, cut)));
                z += p;
                num -= p * d;
            }
            (num / z * new Vector<double>(inv2t)).CopyTo(dest, i);
        }
        for (; i < n; i++)
        {
            double x = scale * grid.X.Face(i), max = double.NegativeInfinity;
            for (int k = 0; k < count; k++)
            {
                double d = x - points[k];
                max = Math.Max(max, logW[k] - d * d * inv4t);
            }
            double z = 0, num = 0;
            for (int k = 0; k < count; k++)
            {
                double d = x - points[k];
                double a = logW[k] - d * d * inv4t - max;
                if (a < ExpCutoff) continue;
                double p = Math.Exp(a);
                z += p;
                num -= p * d;
            }
            dest[i] = num / z * inv2t;
        }
    }

    private void Allocate(Grid grid)
    {
        int k = _data.Count, nx = grid.Nx, ny = grid.Ny;
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
                case 0: Tabulate(grid.X, faces: true, 0, _t, _exFace, _gxFace, nx + 1, withWeights: true); break;
                case 1: Tabulate(grid.Y, faces: false, 1, _t, _eyCenter, null, ny, withWeights: false); break;
                case 2: Tabulate(grid.X, faces: false, 0, _t, _exCenter, null, nx, withWeights: true); break;
                default: Tabulate(grid.Y, faces: true, 1, _t, _eyFace, _gyFace, ny + 1, withWeights: false); break;
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
                // x-faces of lines i (fixed x = x_{i-1/2}, all y_j): s_x = sum_k g_k(x) F_k(y) / (2t sum_k E_k(x) F_k(y))
                if (Combine(_exFace, _gxFace, i0, nx, _eyCenter, _eyCenter, ny, faces.X, ny, numeratorFromLine: true))
                    for (int i = i0; i < i1; i++) FixUnderflow(faces.X.AsSpan(i * ny, ny), i, xFaces: true);
                for (int i = Math.Max(i0, 1); i < Math.Min(i1, nx); i++)   // the walls (lines 0 and nx) carry no flux
                    maxX = Math.Max(maxX, Norms.MaxAbs(faces.X.AsSpan(i * ny, ny)));
            }
            else
            {
                int i0 = (c - xChunks) * Lines, i1 = Math.Min(i0 + Lines, nx);
                // y-faces of lines i (fixed x = x_i, all y_{j-1/2}): s_y = sum_k E_k(x) h_k(y) / (2t sum_k E_k(x) F_k(y))
                if (Combine(_exCenter, _exCenter, i0, nx - 1, _eyFace, _gyFace, ny + 1, faces.Y, ny + 1, numeratorFromLine: false))
                    for (int i = i0; i < i1; i++) FixUnderflow(faces.Y.AsSpan(i * (ny + 1), ny + 1), i, xFaces: false);
                for (int i = i0; i < i1; i++)
                    maxY = Math.Max(maxY, Norms.MaxAbs(faces.Y.AsSpan(i * (ny + 1) + 1, ny - 1)));
            }
        }
        _maxX[w] = maxX;
        _maxY[w] = maxY;
    }

    /// <summary>E_k (or F_k) at n positions of one axis, normalised by the max over k; optionally times (y_k - x).</summary>
    private void Tabulate(Axis axis, bool faces, int coordinate, double t, double[] e, double[]? g, int n, bool withWeights) =>
        SeparableSoftmax.Tabulate(_data, axis, faces, coordinate, t, withWeights, n, _stride, e, g ?? Span<double>.Empty, Span<double>.Empty, _scale);

    /// <summary>
    /// Lines i = i0..i0+3 (those past <paramref name="last"/> repeat it) of length n, line i at dest[i * n ..]:
    /// dest[j] = sum_k a_k num_k[j] / (2t sum_k e_k den_k[j]) with per-line scalars e_k = lineE[k, i] and
    /// a_k = lineG[k, i] (numeratorFromLine; num_k = colE) or a_k = e_k with num_k = colG (otherwise). The four lines
    /// share every column-table vector (loaded once, two multiply-adds per point and line), which a line at a time
    /// would load again for each line. Faces whose denominator underflows are marked NaN for
    /// <see cref="FixUnderflow"/>; returns whether there are any.
    /// </summary>
    private bool Combine(double[] lineE, double[] lineG, int i0, int last, double[] colE, double[] colG, int n,
        double[] dest, int destStride, bool numeratorFromLine)
    {
        int count = _data.Count, ld = _stride;
        double inv2t = _scale / (2 * _t);
        // per k, the four lines' scalars side by side
        Span<double> e = stackalloc double[Lines * count];
        Span<double> a = stackalloc double[Lines * count];
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
        var scale = new Vector<double>(inv2t);
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
                dest[Math.Min(i0 + q, last) * destStride + j] = den < Underflow ? double.NaN : num / den * inv2t;
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
            _data.Score(x, _t, s);
            dest[j] = _scale * (xFaces ? s[0] : s[1]);
        }
    }
}
