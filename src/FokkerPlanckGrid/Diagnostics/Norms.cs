namespace FokkerPlanckGrid.Diagnostics;

/// <summary>Sums and L^p norms of cell averages, with compensated (Neumaier) summation so that mass is exact to round-off.</summary>
public static class Norms
{
    /// <summary>Neumaier-compensated sum: error O(u) independent of the length.</summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0, c = 0;
        foreach (var x in values)
        {
            double t = sum + x;
            c += Math.Abs(sum) >= Math.Abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }
        return sum + c;
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

    public static double MaxAbs(ReadOnlySpan<double> values)
    {
        double m = 0;
        foreach (var x in values) m = Math.Max(m, Math.Abs(x));
        return m;
    }

    public static double Min(ReadOnlySpan<double> values)
    {
        double m = double.PositiveInfinity;
        foreach (var x in values) m = Math.Min(m, x);
        return m;
    }

    /// <summary>sum |a - b| dV, the L1 distance of two cell fields.</summary>
    public static double L1Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double cellVolume)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return sum * cellVolume;
    }
}
