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
}
