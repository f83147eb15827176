using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FokkerPlanckGrid.Schemes;

/// <summary>
/// The fast forms of the <see cref="Tridiagonal"/> solve used by the 2D split step, generic over where the face
/// coefficients come from (<see cref="IFaceCoefficients"/>). Per line the arithmetic is exactly that of
/// <see cref="Tridiagonal.SolveLine"/> (subtraction-free pivot), in the same order, with the wall faces taken as zero
/// without being read: positivity and mass are kept for the same reasons, and results agree with the reference to
/// the bit for the same coefficients.
/// <list type="bullet">
/// <item><see cref="FourRows"/>: four contiguous lines interleaved, so that their division chains overlap.</item>
/// <item><see cref="Strip"/>: W adjacent strided lines (columns of the C-order array), one SIMD lane per line; the
/// forward sweep streams each row once and keeps c' and d' in a dense per-thread buffer, the back substitution
/// writes each row once, reading the row below it (just written) back.</item>
/// </list>
/// </summary>
public static class LineKernels
{
    /// <summary>
    /// Solves rows r0..r0+3 of the C-order array v (row r = v[r * n .. r * n + n)), whose n+1 faces are the
    /// coefficient faces r * (n + 1) + f. Scratch: 4 n entries.
    /// </summary>
    public static void FourRows<T>(in T coefficients, double[] v, int r0, int n, Span<double> scratch) where T : struct, IFaceCoefficients
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(v);
        ref double s = ref MemoryMarshal.GetReference(scratch);
        int v0 = r0 * n, v1 = v0 + n, v2 = v1 + n, v3 = v2 + n;
        int f0 = r0 * (n + 1), f1 = f0 + n + 1, f2 = f1 + n + 1, f3 = f2 + n + 1;
        int s1 = n, s2 = 2 * n, s3 = 3 * n;
        double p0 = 1, p1 = 1, p2 = 1, p3 = 1;            // sigma_{i-1} / m_{i-1}
        double c0 = 0, c1 = 0, c2 = 0, c3 = 0;            // c'_{i-1}
        double d0 = 0, d1 = 0, d2 = 0, d3 = 0;            // d'_{i-1}
        double l0 = 0, l1 = 0, l2 = 0, l3 = 0;            // cL[i] (wall: 0)
        double q0 = 0, q1 = 0, q2 = 0, q3 = 0;            // cR[i] (wall: 0)
        for (int i = 0; i < n; i++)
        {
            double a0, a1, a2, a3, b0, b1, b2, b3;        // cL[i+1], cR[i+1]
            if (i < n - 1)
            {
                (a0, b0) = coefficients.At(f0 + i + 1);
                (a1, b1) = coefficients.At(f1 + i + 1);
                (a2, b2) = coefficients.At(f2 + i + 1);
                (a3, b3) = coefficients.At(f3 + i + 1);
            }
            else
            {
                a0 = a1 = a2 = a3 = b0 = b1 = b2 = b3 = 0;
            }
            double g0 = 1.0 - q0 * p0, g1 = 1.0 - q1 * p1, g2 = 1.0 - q2 * p2, g3 = 1.0 - q3 * p3;
            double m0 = 1.0 / (a0 + g0), m1 = 1.0 / (a1 + g1), m2 = 1.0 / (a2 + g2), m3 = 1.0 / (a3 + g3);
            p0 = g0 * m0; p1 = g1 * m1; p2 = g2 * m2; p3 = g3 * m3;
            c0 = b0 * m0; c1 = b1 * m1; c2 = b2 * m2; c3 = b3 * m3;
            d0 = (Unsafe.Add(ref x, v0 + i) + l0 * d0) * m0;
            d1 = (Unsafe.Add(ref x, v1 + i) + l1 * d1) * m1;
            d2 = (Unsafe.Add(ref x, v2 + i) + l2 * d2) * m2;
            d3 = (Unsafe.Add(ref x, v3 + i) + l3 * d3) * m3;
            Unsafe.Add(ref s, i) = c0; Unsafe.Add(ref s, s1 + i) = c1; Unsafe.Add(ref s, s2 + i) = c2; Unsafe.Add(ref s, s3 + i) = c3;
            Unsafe.Add(ref x, v0 + i) = d0; Unsafe.Add(ref x, v1 + i) = d1; Unsafe.Add(ref x, v2 + i) = d2; Unsafe.Add(ref x, v3 + i) = d3;
            l0 = a0; l1 = a1; l2 = a2; l3 = a3;
            q0 = b0; q1 = b1; q2 = b2; q3 = b3;
        }
        for (int i = n - 2; i >= 0; i--)
        {
            Unsafe.Add(ref x, v0 + i) -= Unsafe.Add(ref s, i) * Unsafe.Add(ref x, v0 + i + 1);
            Unsafe.Add(ref x, v1 + i) -= Unsafe.Add(ref s, s1 + i) * Unsafe.Add(ref x, v1 + i + 1);
            Unsafe.Add(ref x, v2 + i) -= Unsafe.Add(ref s, s2 + i) * Unsafe.Add(ref x, v2 + i + 1);
            Unsafe.Add(ref x, v3 + i) -= Unsafe.Add(ref s, s3 + i) * Unsafe.Add(ref x, v3 + i + 1);
        }
    }

    /// <summary>True when <see cref="EightRows"/> can run (AVX: 4-lane vectors and the 4x4 transposes); else use <see cref="FourRows"/>.</summary>
    public static bool EightRowsAccelerated => Avx.IsSupported;

    /// <summary>
    /// Solves rows r0..r0+7 like <see cref="FourRows"/>, with the eight recurrences in two 4-lane vectors (one lane per
    /// row): one vector division per four cells, and two independent chains to overlap. The rows are read and written
    /// in 4x4 blocks transposed in registers (<see cref="Transpose4x4"/>): four vector loads bring four cells of four
    /// rows, where gathering each cell across the rows took a scalar load and an insert per cell; the few cells past
    /// the last whole block go one at a time. c' and d' go to a dense buffer; each row is written back once.
    /// Scratch: 16 n entries.
    /// </summary>
    public static void EightRows<T>(in T coefficients, double[] v, int r0, int n, Span<double> scratch) where T : struct, IFaceCoefficients
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(v);
        ref double s = ref MemoryMarshal.GetReference(scratch);
        int stride = n + 1, f0 = r0 * stride, f1 = f0 + 4 * stride, dBase = 8 * n;
        int v0 = r0 * n, v1 = v0 + 4 * n;
        int blocked = n / 4 * 4;   // cells below this in blocks of four: their faces i + 1 <= n all exist
        var zero = Vector256<double>.Zero;
        var chain0 = new Chain();
        var chain1 = new Chain();
        for (int i = 0; i < blocked; i += 4)
        {
            coefficients.Block4(f0 + i + 1, stride, out var a0, out var b0);
            coefficients.Block4(f1 + i + 1, stride, out var a1, out var b1);
            if (i + 4 == n) a0.K3 = b0.K3 = a1.K3 = b1.K3 = zero;   // face n is the wall
            var x0 = Transpose4x4.Load(ref Unsafe.Add(ref x, v0 + i), n);
            var x1 = Transpose4x4.Load(ref Unsafe.Add(ref x, v1 + i), n);
            int o = 8 * i;
            chain0.Advance(a0.K0, b0.K0, x0.K0, ref s, o, dBase);
            chain1.Advance(a1.K0, b1.K0, x1.K0, ref s, o + 4, dBase);
            chain0.Advance(a0.K1, b0.K1, x0.K1, ref s, o + 8, dBase);
            chain1.Advance(a1.K1, b1.K1, x1.K1, ref s, o + 12, dBase);
            chain0.Advance(a0.K2, b0.K2, x0.K2, ref s, o + 16, dBase);
            chain1.Advance(a1.K2, b1.K2, x1.K2, ref s, o + 20, dBase);
            chain0.Advance(a0.K3, b0.K3, x0.K3, ref s, o + 24, dBase);
            chain1.Advance(a1.K3, b1.K3, x1.K3, ref s, o + 28, dBase);
        }
        for (int i = blocked; i < n; i++)
        {
            Vector256<double> a0, b0, a1, b1;
            if (i < n - 1)
            {
                (a0, b0) = coefficients.Gather4(f0 + i + 1, stride);
                (a1, b1) = coefficients.Gather4(f1 + i + 1, stride);
            }
            else
            {
                a0 = b0 = a1 = b1 = zero;
            }
            int c = v0 + i;
            var x0 = Vector256.Create(Unsafe.Add(ref x, c), Unsafe.Add(ref x, c + n), Unsafe.Add(ref x, c + 2 * n), Unsafe.Add(ref x, c + 3 * n));
            var x1 = Vector256.Create(Unsafe.Add(ref x, c + 4 * n), Unsafe.Add(ref x, c + 5 * n), Unsafe.Add(ref x, c + 6 * n), Unsafe.Add(ref x, c + 7 * n));
            chain0.Advance(a0, b0, x0, ref s, 8 * i, dBase);
            chain1.Advance(a1, b1, x1, ref s, 8 * i + 4, dBase);
        }
        // back substitution: x_i = d'_i - c'_i x_{i+1}, x_{n-1} = d'_{n-1}
        Vector256<double> e0 = zero, e1 = zero;
        for (int i = n - 1; i >= blocked; i--)
        {
            e0 = Back(ref s, 8 * i, dBase, e0, i == n - 1);
            e1 = Back(ref s, 8 * i + 4, dBase, e1, i == n - 1);
            int c = v0 + i;
            Unsafe.Add(ref x, c) = e0.GetElement(0);
            Unsafe.Add(ref x, c + n) = e0.GetElement(1);
            Unsafe.Add(ref x, c + 2 * n) = e0.GetElement(2);
            Unsafe.Add(ref x, c + 3 * n) = e0.GetElement(3);
            Unsafe.Add(ref x, c + 4 * n) = e1.GetElement(0);
            Unsafe.Add(ref x, c + 5 * n) = e1.GetElement(1);
            Unsafe.Add(ref x, c + 6 * n) = e1.GetElement(2);
            Unsafe.Add(ref x, c + 7 * n) = e1.GetElement(3);
        }
        for (int i = blocked - 4; i >= 0; i -= 4)
        {
            Quad y0, y1;
            int o = 8 * i;
            bool top = i + 3 == n - 1;
            y0.K3 = e0 = Back(ref s, o + 24, dBase, e0, top);
            y1.K3 = e1 = Back(ref s, o + 28, dBase, e1, top);
            y0.K2 = e0 = Back(ref s, o + 16, dBase, e0, false);
            y1.K2 = e1 = Back(ref s, o + 20, dBase, e1, false);
            y0.K1 = e0 = Back(ref s, o + 8, dBase, e0, false);
            y1.K1 = e1 = Back(ref s, o + 12, dBase, e1, false);
            y0.K0 = e0 = Back(ref s, o, dBase, e0, false);
            y1.K0 = e1 = Back(ref s, o + 4, dBase, e1, false);
            Transpose4x4.Store(y0, ref Unsafe.Add(ref x, v0 + i), n);
            Transpose4x4.Store(y1, ref Unsafe.Add(ref x, v1 + i), n);
        }
    }

    /// <summary>d'_i - c'_i x_{i+1} from the dense buffer (c' at <paramref name="at"/>, d' at dBase + at); d'_i alone at the top.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Back(ref double s, int at, int dBase, Vector256<double> above, bool top)
    {
        var d = Vector256.LoadUnsafe(ref s, (nuint)(dBase + at));
        return top ? d : d - Vector256.LoadUnsafe(ref s, (nuint)at) * above;
    }

    /// <summary>
    /// The forward recurrence of four lines in the lanes of a vector (the arithmetic of <see cref="Tridiagonal.SolveLine"/>):
    /// P = sigma_{i-1}/m_{i-1}, D = d'_{i-1}, L = cL_i, Q = cR_i.
    /// </summary>
    private struct Chain
    {
        private Vector256<double> _p, _d, _l, _q;

        public Chain() => _p = Vector256<double>.One;

        /// <summary>Cell i with face coefficients (a, b) = (cL, cR)_{i+1} and right-hand side xi: c'_i to s[at], d'_i to s[dBase + at].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Advance(Vector256<double> a, Vector256<double> b, Vector256<double> xi, ref double s, int at, int dBase)
        {
            var one = Vector256<double>.One;
            var g = one - _q * _p;
            var m = one / (a + g);
            _p = g * m;
            (b * m).StoreUnsafe(ref s, (nuint)at);
            _d = (xi + _l * _d) * m;
            _d.StoreUnsafe(ref s, (nuint)(dBase + at));
            _l = a;
            _q = b;
        }
    }

    /// <summary>One contiguous row (for the rows left over by <see cref="FourRows"/>). Scratch: n entries.</summary>
    public static void OneRow<T>(in T coefficients, double[] v, int r, int n, Span<double> scratch) where T : struct, IFaceCoefficients
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(v);
        ref double s = ref MemoryMarshal.GetReference(scratch);
        int v0 = r * n, f0 = r * (n + 1);
        double p = 1, c = 0, d = 0, l = 0, q = 0;
        for (int i = 0; i < n; i++)
        {
            var (a, b) = i < n - 1 ? coefficients.At(f0 + i + 1) : (0.0, 0.0);
            double g = 1.0 - q * p;
            double m = 1.0 / (a + g);
            p = g * m;
            c = b * m;
            d = (Unsafe.Add(ref x, v0 + i) + l * d) * m;
            Unsafe.Add(ref s, i) = c;
            Unsafe.Add(ref x, v0 + i) = d;
            l = a;
            q = b;
        }
        for (int i = n - 2; i >= 0; i--) Unsafe.Add(ref x, v0 + i) -= Unsafe.Add(ref s, i) * Unsafe.Add(ref x, v0 + i + 1);
    }

    /// <summary>How many rows ahead the strided x-sweep prefetches (4 to 16 measured alike; none was 20-40 % slower).</summary>
    private const int PrefetchRows = 8;

    /// <summary>
    /// Strip width: eight SIMD vectors (32 doubles with AVX2), four cache lines per row. Wider strips fetch more of each
    /// strided row per visit; 32 columns ran the x-sweep about 30 % faster than 16 (1024² and 2048², one thread).
    /// </summary>
    public static int StripWidth(int n) => 8 * Vector<double>.Count;

    /// <summary>Scratch entries <see cref="Strip"/> needs for <paramref name="nx"/> rows of <paramref name="width"/> columns.</summary>
    public static int StripScratch(int nx, int width) => 2 * nx * width + width;

    /// <summary>
    /// Solves the columns j0..j0+width-1 (width a multiple of the SIMD width, e.g. <see cref="StripWidth"/>) of the
    /// nx x ny C-order array v along x; face f (0..nx) of column j has coefficients at f * ny + j. Each strided row is
    /// visited once going down (v and the faces prefetched <see cref="PrefetchRows"/> rows ahead: rows 8 KiB or more
    /// apart defeat the hardware prefetchers) and once going up. The recurrences' state does not live in registers:
    /// sigma/m of the previous row sits in a width-long state row and d' is read back from the dense buffer, both
    /// L1 hits, so the strip can be as wide as pays and the independent lane groups overlap their division chains.
    /// c' and d' go to the dense buffer [c' rows | d' rows | state]; the back substitution reads the row below from v,
    /// just written. Scratch: <see cref="StripScratch"/> entries.
    /// </summary>
    public static void Strip<T>(in T coefficients, double[] v, int nx, int ny, int j0, int width, Span<double> scratch)
        where T : struct, IFaceCoefficients
    {
        int vc = Vector<double>.Count;
        ref double x = ref MemoryMarshal.GetArrayDataReference(v);
        ref double s = ref MemoryMarshal.GetReference(scratch);
        int dBase = nx * width, pBase = 2 * nx * width;   // c' rows [0, nx W), d' rows [nx W, 2 nx W), sigma/m [2 nx W, +W)
        var one = Vector<double>.One;
        var zero = Vector<double>.Zero;
        for (int k = 0; k < width; k += vc) one.StoreUnsafe(ref s, (nuint)(pBase + k));
        for (int i = 0; i < nx; i++)
        {
            int row = i * ny + j0, sRow = i * width;
            bool first = i == 0, last = i == nx - 1;
            if (Sse.IsSupported && i + PrefetchRows < nx)
            {
                unsafe
                {
                    int ahead = row + PrefetchRows * ny;
                    for (int k = 0; k < width; k += 8)   // one cache line of 8 doubles at a time
                    {
                        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref x, ahead + k)));
                        coefficients.Prefetch(ahead + ny + k);
                    }
                }
            }
            for (int k = 0; k < width; k += vc)
            {
                var (l, q) = first ? (zero, zero) : coefficients.AtVector(row + k);
                var (a, b) = last ? (zero, zero) : coefficients.AtVector(row + ny + k);
                var p = Vector.LoadUnsafe(ref s, (nuint)(pBase + k));
                var dPrevious = first ? zero : Vector.LoadUnsafe(ref s, (nuint)(dBase + sRow - width + k));
                var g = one - q * p;
                var m = one / (a + g);
                (g * m).StoreUnsafe(ref s, (nuint)(pBase + k));
                (b * m).StoreUnsafe(ref s, (nuint)(sRow + k));
                ((Vector.LoadUnsafe(ref x, (nuint)(row + k)) + l * dPrevious) * m).StoreUnsafe(ref s, (nuint)(dBase + sRow + k));
            }
        }
        int lastRow = (nx - 1) * ny + j0;
        for (int k = 0; k < width; k += vc)
            Vector.LoadUnsafe(ref s, (nuint)(dBase + (nx - 1) * width + k)).StoreUnsafe(ref x, (nuint)(lastRow + k));
        for (int i = nx - 2; i >= 0; i--)
        {
            int sRow = i * width, row = i * ny + j0;
            for (int k = 0; k < width; k += vc)
            {
                var below = Vector.LoadUnsafe(ref x, (nuint)(row + ny + k));
                (Vector.LoadUnsafe(ref s, (nuint)(dBase + sRow + k)) - Vector.LoadUnsafe(ref s, (nuint)(sRow + k)) * below)
                    .StoreUnsafe(ref x, (nuint)(row + k));
            }
        }
    }

    /// <summary>
    /// Columns j0..j1-1 along x: full <see cref="StripWidth"/> strips, then one narrower strip of whole vectors, then
    /// single <see cref="Column"/>s. Scratch: <see cref="StripScratch"/>(nx, <see cref="StripWidth"/>) entries.
    /// </summary>
    public static void Columns<T>(in T coefficients, double[] v, int nx, int ny, int j0, int j1, Span<double> scratch)
        where T : struct, IFaceCoefficients
    {
        int width = StripWidth(nx), vc = Vector<double>.Count, j = j0;
        for (; j + width <= j1; j += width) Strip(coefficients, v, nx, ny, j, width, scratch);
        int rest = (j1 - j) / vc * vc;
        if (rest > 0) { Strip(coefficients, v, nx, ny, j, rest, scratch); j += rest; }
        for (; j < j1; j++) Column(coefficients, v, nx, ny, j, scratch);
    }

    /// <summary>One strided column j (the columns left over by <see cref="Strip"/>). Scratch: nx entries.</summary>
    public static void Column<T>(in T coefficients, double[] v, int nx, int ny, int j, Span<double> scratch)
        where T : struct, IFaceCoefficients
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(v);
        ref double s = ref MemoryMarshal.GetReference(scratch);
        double p = 1, c = 0, d = 0, l = 0, q = 0;
        for (int i = 0; i < nx; i++)
        {
            var (a, b) = i < nx - 1 ? coefficients.At((i + 1) * ny + j) : (0.0, 0.0);
            double g = 1.0 - q * p;
            double m = 1.0 / (a + g);
            p = g * m;
            c = b * m;
            d = (Unsafe.Add(ref x, i * ny + j) + l * d) * m;
            Unsafe.Add(ref s, i) = c;
            Unsafe.Add(ref x, i * ny + j) = d;
            l = a;
            q = b;
        }
        for (int i = nx - 2; i >= 0; i--)
            Unsafe.Add(ref x, i * ny + j) -= Unsafe.Add(ref s, i) * Unsafe.Add(ref x, (i + 1) * ny + j);
    }
}
