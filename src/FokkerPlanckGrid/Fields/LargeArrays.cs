using System.Runtime.InteropServices;

namespace FokkerPlanckGrid.Fields;

/// <summary>
/// Allocation of the large arrays the time loop streams through (fields, face values). On Linux with transparent huge
/// pages in `madvise` mode, arrays of 4 MiB and more are allocated pinned and uninitialised and advised
/// MADV_HUGEPAGE before they are first touched, so that they are backed by 2 MiB pages: the strided and streaming
/// sweeps then take far fewer TLB misses and the hardware prefetchers are not stopped at every 4 KiB boundary.
/// Elsewhere, or if the advice is refused, it is an ordinary zeroed array. Contents start at zero either way.
/// </summary>
public static class LargeArrays
{
    private const int HugePageBytes = 2 << 20;
    private const int MadviseHugePage = 14;

    /// <summary>A zeroed array of <paramref name="length"/> doubles, huge-page backed where the platform allows.</summary>
    public static double[] Doubles(int length)
    {
        if (length * (long)sizeof(double) < 2L * HugePageBytes || !OperatingSystem.IsLinux()) return new double[length];
        var array = GC.AllocateUninitializedArray<double>(length, pinned: true);
        Advise(array);
        Array.Clear(array);   // first touch, after the advice
        return array;
    }

    /// <summary>A huge-page backed copy of <paramref name="source"/>.</summary>
    public static double[] Copy(double[] source)
    {
        var copy = Doubles(source.Length);
        source.CopyTo(copy, 0);
        return copy;
    }

    private static unsafe void Advise(double[] array)
    {
        try
        {
            fixed (double* p = array)
            {
                long start = (long)p, end = start + array.Length * (long)sizeof(double);
                long alignedStart = (start + HugePageBytes - 1) & ~(long)(HugePageBytes - 1);
                long alignedEnd = end & ~(long)(HugePageBytes - 1);
                if (alignedEnd > alignedStart) madvise((nint)alignedStart, (nuint)(alignedEnd - alignedStart), MadviseHugePage);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // no libc madvise: ordinary pages
        }
    }

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int madvise(nint address, nuint length, int advice);
}
