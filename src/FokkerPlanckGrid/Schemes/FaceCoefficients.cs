using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FokkerPlanckGrid.Schemes;

/// <summary>
/// Where a line kernel gets the flux coefficients (cL, cR) of a face (see <see cref="ITransportFlux"/>): from arrays
/// assembled beforehand, or computed on the fly from the face score. Kernels are generic over this struct, so the JIT
/// compiles one specialised loop per source with no indirection; the walls are handled by the kernels, never read.
/// </summary>
public interface IFaceCoefficients
{
    (double L, double R) At(int face);

    (Vector<double> L, Vector<double> R) AtVector(int face);

    /// <summary>A hint that the data of <paramref name="face"/> will be read soon (software prefetch).</summary>
    void Prefetch(int face);

    /// <summary>Faces face, face + stride, face + 2 stride, face + 3 stride (one per lane): four lines at once.</summary>
    (Vector256<double> L, Vector256<double> R) Gather4(int face, int stride);

    /// <summary>
    /// Faces face + k (k = 0..3) of the four lines face, face + stride, ... as four <see cref="Gather4"/> would give
    /// them, read as four 4-wide rows and transposed in registers (<see cref="Transpose4x4"/>; needs AVX).
    /// </summary>
    void Block4(int face, int stride, out Quad l, out Quad r);
}

/// <summary>Four vectors, one per position k of a 4x4 block: lane q is line q.</summary>
public struct Quad
{
    public Vector256<double> K0, K1, K2, K3;
}

/// <summary>4x4 blocks of doubles between four rows of memory and four vectors (one per column), with AVX.</summary>
public static class Transpose4x4
{
    /// <summary>
    /// Rows p + q stride (q = 0..3), four doubles each, into columns: c.Kk lane q = p[q stride + k]. Each row is read as
    /// two 128-bit halves, rows 0 and 2 (1 and 3) sharing a register, so one unpack per column finishes the job and no
    /// lane-crossing shuffle is needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Quad Load(ref double p, int stride)
    {
        var lo02 = Vector256.Create(Vector128.LoadUnsafe(ref p), Vector128.LoadUnsafe(ref p, (nuint)(2 * stride)));
        var lo13 = Vector256.Create(Vector128.LoadUnsafe(ref p, (nuint)stride), Vector128.LoadUnsafe(ref p, (nuint)(3 * stride)));
        var hi02 = Vector256.Create(Vector128.LoadUnsafe(ref p, 2), Vector128.LoadUnsafe(ref p, (nuint)(2 * stride + 2)));
        var hi13 = Vector256.Create(Vector128.LoadUnsafe(ref p, (nuint)(stride + 2)), Vector128.LoadUnsafe(ref p, (nuint)(3 * stride + 2)));
        return new Quad { K0 = Avx.UnpackLow(lo02, lo13), K1 = Avx.UnpackHigh(lo02, lo13), K2 = Avx.UnpackLow(hi02, hi13), K3 = Avx.UnpackHigh(hi02, hi13) };
    }

    /// <summary>The inverse of <see cref="Load"/>: column vectors c.Kk (lane q: row q) written as four rows of four.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(in Quad c, ref double p, int stride)
    {
        var t0 = Avx.UnpackLow(c.K0, c.K1);    // rows 0 | 2 of columns 0, 1
        var t1 = Avx.UnpackHigh(c.K0, c.K1);   // rows 1 | 3
        var t2 = Avx.UnpackLow(c.K2, c.K3);    // rows 0 | 2 of columns 2, 3
        var t3 = Avx.UnpackHigh(c.K2, c.K3);
        t0.GetLower().StoreUnsafe(ref p);
        t2.GetLower().StoreUnsafe(ref p, 2);
        t1.GetLower().StoreUnsafe(ref p, (nuint)stride);
        t3.GetLower().StoreUnsafe(ref p, (nuint)(stride + 2));
        t0.GetUpper().StoreUnsafe(ref p, (nuint)(2 * stride));
        t2.GetUpper().StoreUnsafe(ref p, (nuint)(2 * stride + 2));
        t1.GetUpper().StoreUnsafe(ref p, (nuint)(3 * stride));
        t3.GetUpper().StoreUnsafe(ref p, (nuint)(3 * stride + 2));
    }
}

/// <summary>Coefficients assembled beforehand (any <see cref="ITransportFlux"/>), read from two arrays.</summary>
public readonly struct AssembledCoefficients(double[] cL, double[] cR) : IFaceCoefficients
{
    private readonly double[] _cL = cL, _cR = cR;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (double L, double R) At(int face) =>
        (Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cL), face), Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cR), face));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (Vector<double> L, Vector<double> R) AtVector(int face) =>
        (Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_cL), (nuint)face),
         Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_cR), (nuint)face));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(int face)
    {
        if (!Sse.IsSupported) return;
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cL), face)));
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cR), face)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (Vector256<double> L, Vector256<double> R) Gather4(int face, int stride)
    {
        ref double l = ref MemoryMarshal.GetArrayDataReference(_cL);
        ref double r = ref MemoryMarshal.GetArrayDataReference(_cR);
        return (Vector256.Create(Unsafe.Add(ref l, face), Unsafe.Add(ref l, face + stride), Unsafe.Add(ref l, face + 2 * stride), Unsafe.Add(ref l, face + 3 * stride)),
                Vector256.Create(Unsafe.Add(ref r, face), Unsafe.Add(ref r, face + stride), Unsafe.Add(ref r, face + 2 * stride), Unsafe.Add(ref r, face + 3 * stride)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Block4(int face, int stride, out Quad l, out Quad r)
    {
        l = Transpose4x4.Load(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cL), face), stride);
        r = Transpose4x4.Load(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cR), face), stride);
    }
}

/// <summary>
/// Upwind coefficients from the face score s: a = s (1+eps) dtau / h, cL = max(a, 0) + D, cR = min(a, 0) - D,
/// D = eps dtau / h^2 — the formula of <see cref="UpwindFlux"/>, evaluated inside the sweep so that no coefficient
/// arrays are written or read (8 bytes per face instead of 16 + 16).
/// </summary>
public readonly struct UpwindFromScore(double[] score, double scale, double diffusion) : IFaceCoefficients
{
    private readonly double[] _score = score;
    private readonly double _scale = scale, _diffusion = diffusion;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (double L, double R) At(int face)
    {
        double a = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_score), face) * _scale;
        return ((a > 0 ? a : 0.0) + _diffusion, (a < 0 ? a : 0.0) - _diffusion);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (Vector<double> L, Vector<double> R) AtVector(int face)
    {
        var a = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_score), (nuint)face) * new Vector<double>(_scale);
        var d = new Vector<double>(_diffusion);
        // MaxNative / MinNative are the bare maxpd / minpd: (a > 0 ? a : 0) and (a < 0 ? a : 0), as the scalar form
        return (Vector.MaxNative(a, Vector<double>.Zero) + d, Vector.MinNative(a, Vector<double>.Zero) - d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(int face)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_score), face)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (Vector256<double> L, Vector256<double> R) Gather4(int face, int stride)
    {
        ref double s = ref MemoryMarshal.GetArrayDataReference(_score);
        var a = Vector256.Create(Unsafe.Add(ref s, face), Unsafe.Add(ref s, face + stride), Unsafe.Add(ref s, face + 2 * stride),
            Unsafe.Add(ref s, face + 3 * stride)) * Vector256.Create(_scale);
        var d = Vector256.Create(_diffusion);
        return (Vector256.MaxNative(a, Vector256<double>.Zero) + d, Vector256.MinNative(a, Vector256<double>.Zero) - d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Block4(int face, int stride, out Quad l, out Quad r)
    {
        var s = Transpose4x4.Load(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_score), face), stride);
        var scale = Vector256.Create(_scale);
        var d = Vector256.Create(_diffusion);
        var a0 = s.K0 * scale; var a1 = s.K1 * scale; var a2 = s.K2 * scale; var a3 = s.K3 * scale;
        var zero = Vector256<double>.Zero;
        l = new Quad { K0 = Vector256.MaxNative(a0, zero) + d, K1 = Vector256.MaxNative(a1, zero) + d, K2 = Vector256.MaxNative(a2, zero) + d, K3 = Vector256.MaxNative(a3, zero) + d };
        r = new Quad { K0 = Vector256.MinNative(a0, zero) - d, K1 = Vector256.MinNative(a1, zero) - d, K2 = Vector256.MinNative(a2, zero) - d, K3 = Vector256.MinNative(a3, zero) - d };
    }
}
