using System.Numerics;
using System.Runtime.InteropServices;

namespace FokkerPlanckGrid.Diagnostics;

/// <summary>Sums and L^p norms of cell averages, with compensated summation so that mass is exact to round-off.</summary>
public static class Norms
{
    private const int Chunk = 256;

    /// <summary>
    /// Sum with error O(Chunk / lanes * u) relative to sum |x|: plain SIMD sums over chunks of 256 values, the chunk sums
    /// added with Neumaier compensation. Fast enough to run every step, accurate enough for mass to 1e-15.
    /// </summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0, c = 0;
        for (int start = 0; start < values.Length; start += Chunk)
        {
            var chunk = values.Slice(start, Math.Min(Chunk, values.Length - start));
            double x = ChunkSum(chunk);
            double t = sum + x;
            c += Math.Abs(sum) >= Math.Abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }
        return sum + c;
    }

    private static double ChunkSum(ReadOnlySpan<double> chunk)
    {
        int i = 0;
        var acc = Vector<double>.Zero;
        for (; i <= chunk.Length - Vector<double>.Count; i += Vector<double>.Count) acc += new Vector<double>(chunk[i..]);
        double s = Vector.Sum(acc);
        for (; i < chunk.Length; i++) s += chunk[i];
        return s;
    }

    /// <summary>
    /// One pass: sum (the bits of <see cref="Sum"/>: the same chunks, the same order within each), min, max, and
    /// whether every value is finite. Min and max use the bare min/max instructions (<see cref="Vector.MinNative{T}"/>),
    /// whose NaN handling does not matter here: a NaN reaches the sum, which decides finiteness.
    /// </summary>
    public static (double Sum, double Min, double Max, bool Finite) Scan(ReadOnlySpan<double> values)
    {
        var vmin = new Vector<double>(double.PositiveInfinity);
        var vmax = new Vector<double>(double.NegativeInfinity);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        double sum = 0, c = 0;
        ref double r = ref MemoryMarshal.GetReference(values);
        int vc = Vector<double>.Count;
        for (int start = 0; start < values.Length; start += Chunk)
        {
            int end = Math.Min(start + Chunk, values.Length), i = start;
            var acc = Vector<double>.Zero;
            for (; i <= end - vc; i += vc)
            {
                var x = Vector.LoadUnsafe(ref r, (nuint)i);
                acc += x;
                vmin = Vector.MinNative(vmin, x);
                vmax = Vector.MaxNative(vmax, x);
            }
            double chunk = Vector.Sum(acc);
            for (; i < end; i++)
            {
                chunk += values[i];
                min = Math.Min(min, values[i]);
                max = Math.Max(max, values[i]);
            }
            double t = sum + chunk;
            c += Math.Abs(sum) >= Math.Abs(chunk) ? (sum - t) + chunk : (chunk - t) + sum;
            sum = t;
        }
        sum += c;
        for (int k = 0; k < vc; k++) { min = Math.Min(min, vmin[k]); max = Math.Max(max, vmax[k]); }
        // NaN propagates into the sum; +-Inf into the sum or the extremes
        bool finite = double.IsFinite(sum) && double.IsFinite(min) && double.IsFinite(max);
        return (sum, min, max, finite);
    }

    /// <summary>||v||_p = (sum |v|^p dV)^(1/p); p = +infinity gives max |v|.</summary>
    public static double Lp(ReadOnlySpan<double> values, double cellVolume, double p)
    {
        if (double.IsPositiveInfinity(p)) return MaxAbs(values);
        if (p == 1) return SumAbs(values) * cellVolume;
        // scale by the max to avoid overflow of |v|^p for large p
        double max = MaxAbs(values);
        if (max == 0) return 0;
        double sum = 0, c = 0;
        foreach (var x in values)
        {
            double y = Math.Pow(Math.Abs(x) / max, p) - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        return max * Math.Pow(sum * cellVolume, 1 / p);
    }

    public static double SumAbs(ReadOnlySpan<double> values)
    {
        double sum = 0, c = 0;
        foreach (var x in values)
        {
            double y = Math.Abs(x) - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        return sum;
    }

    /// <summary>
    /// max |x| (SIMD; NaN, if any, is not propagated: callers check finiteness separately). Four independent
    /// accumulators with the machine's max instruction (<see cref="Vector.MaxNative{T}"/>): the IEEE maximum of
    /// <see cref="Vector.Max{T}"/> takes several dependent instructions per vector, and one accumulator through it made
    /// this scan of an L1-resident line cost as much as computing the line.
    /// </summary>
    public static double MaxAbs(ReadOnlySpan<double> values)
    {
        int i = 0, vc = Vector<double>.Count;
        ref double r = ref MemoryMarshal.GetReference(values);
        Vector<double> a0 = default, a1 = default, a2 = default, a3 = default;
        for (; i <= values.Length - 4 * vc; i += 4 * vc)
        {
            a0 = Vector.MaxNative(a0, Vector.Abs(Vector.LoadUnsafe(ref r, (nuint)i)));
            a1 = Vector.MaxNative(a1, Vector.Abs(Vector.LoadUnsafe(ref r, (nuint)(i + vc))));
            a2 = Vector.MaxNative(a2, Vector.Abs(Vector.LoadUnsafe(ref r, (nuint)(i + 2 * vc))));
            a3 = Vector.MaxNative(a3, Vector.Abs(Vector.LoadUnsafe(ref r, (nuint)(i + 3 * vc))));
        }
        for (; i <= values.Length - vc; i += vc) a0 = Vector.MaxNative(a0, Vector.Abs(Vector.LoadUnsafe(ref r, (nuint)i)));
        var acc = Vector.MaxNative(Vector.MaxNative(a0, a1), Vector.MaxNative(a2, a3));
        double m = 0;
        for (int k = 0; k < vc; k++) m = m > acc[k] ? m : acc[k];
        for (; i < values.Length; i++) m = m > Math.Abs(values[i]) ? m : Math.Abs(values[i]);
        return m;
    }

    /// <summary>min x (SIMD).</summary>
    public static double Min(ReadOnlySpan<double> values) => Scan(values).Min;

    /// <summary>sum |a - b| dV, the L1 distance of two cell fields.</summary>
    public static double L1Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double cellVolume)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return sum * cellVolume;
    }
}
