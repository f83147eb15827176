using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FokkerPlanckGrid.Schemes;

/// <summary>
/// The <see cref="Tridiagonal"/> recurrence for many strided lines at once: the lines are the columns j0..j0+W-1 of a
/// C-order array v[i * ny + j], solved along i with the recurrence vectorised across the W adjacent columns (one SIMD
/// lane per line). Memory is walked row by row, a few cache lines per row, instead of one element per row and line.
/// Arithmetic per lane is exactly that of <see cref="Tridiagonal.SolveStridedLine"/>, so the results agree to the bit
/// and the positivity argument carries over unchanged.
/// </summary>
public static class StripSweep
{
    /// <summary>The preferred strip width: four SIMD vectors (16 doubles with AVX2).</summary>
    public static int PreferredWidth => 4 * Vector<double>.Count;

    /// <summary>
    /// Solves the columns j0..j0+width-1 (width a multiple of Vector&lt;double&gt;.Count) of the nx x ny array
    /// <paramref name="v"/> in place; face f of column j has coefficients at cL[f * ny + j], f = 0..nx (walls zero).
    /// <paramref name="scratch"/> needs (nx + 1) * width entries (c' per row, then the lanes' sigma / m).
    /// </summary>
    public static void Solve(ReadOnlySpan<double> cL, ReadOnlySpan<double> cR, Span<double> v, int nx, int ny, int j0,
        int width, Span<double> scratch)
    {
        int vc = Vector<double>.Count;
        ref double rcL = ref MemoryMarshal.GetReference(cL);
        ref double rcR = ref MemoryMarshal.GetReference(cR);
        ref double rv = ref MemoryMarshal.GetReference(v);
        ref double rs = ref MemoryMarshal.GetReference(scratch);
        var one = Vector<double>.One;
        int sRatio = nx * width;   // sigma_{i-1} / m_{i-1} of every lane, overwritten row by row
        // first row: no predecessor (the wall coefficient cL[0] is zero; sigma_{-1} / m_{-1} = 1)
        for (int k = 0; k < width; k += vc)
        {
            int row = j0 + k;
            var cLn = Load(ref rcL, ny + row);
            var cRi = Load(ref rcR, row);
            var cRn = Load(ref rcR, ny + row);
            var sigma = one - cRi * one;
            var r = one / (cLn + sigma);
            Store(sigma * r, ref rs, sRatio + k);
            Store(cRn * r, ref rs, k);
            Store(Load(ref rv, row) * r, ref rv, row);
        }
        for (int i = 1; i < nx; i++)
        {
            int face = i * ny + j0, next = face + ny, prev = face - ny;
            int sRow = i * width, sPrev = sRow - width;
            for (int k = 0; k < width; k += vc)
            {
                var cLi = Load(ref rcL, face + k);
                var cRi = Load(ref rcR, face + k);
                var cLn = Load(ref rcL, next + k);
                var cRn = Load(ref rcR, next + k);
                var sigma = one - cRi * Load(ref rs, sRatio + k);
                var r = one / (cLn + sigma);
                Store(sigma * r, ref rs, sRatio + k);
                Store(cRn * r, ref rs, sRow + k);
                Store((Load(ref rv, face + k) + cLi * Load(ref rv, prev + k)) * r, ref rv, face + k);
            }
        }
        for (int i = nx - 2; i >= 0; i--)
        {
            int row = i * ny + j0, sRow = i * width;
            for (int k = 0; k < width; k += vc)
                Store(Load(ref rv, row + k) - Load(ref rs, sRow + k) * Load(ref rv, row + ny + k), ref rv, row + k);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Load(ref double origin, int offset) =>
        Vector.LoadUnsafe(ref origin, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector<double> value, ref double origin, int offset) =>
        value.StoreUnsafe(ref origin, (nuint)offset);
}
