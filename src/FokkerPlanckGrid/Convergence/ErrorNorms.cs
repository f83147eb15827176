using FokkerPlanckGrid.Diagnostics;

namespace FokkerPlanckGrid.Convergence;

/// <summary>
/// Relative errors of a discrete solution v against exact cell averages e, all three relative to the exact's own norm:
/// L1 = sum |v - e| dV / sum |e| dV, L2 = (sum |v - e|^2 dV)^(1/2) / (sum e^2 dV)^(1/2), Linf = max |v - e| / max |e|.
/// </summary>
public sealed record ErrorNorms(double L1, double L2, double Linf)
{
    public static ErrorNorms Relative(ReadOnlySpan<double> v, ReadOnlySpan<double> exact, double cellVolume)
    {
        if (v.Length != exact.Length) throw new ArgumentException("v and the exact solution have different sizes");
        double d1 = 0, d2 = 0, dInf = 0, e1 = 0, e2 = 0, eInf = 0;
        for (int i = 0; i < v.Length; i++)
        {
            double d = Math.Abs(v[i] - exact[i]), e = Math.Abs(exact[i]);
            d1 += d;
            d2 += d * d;
            dInf = Math.Max(dInf, d);
            e1 += e;
            e2 += e * e;
            eInf = Math.Max(eInf, e);
        }
        // the cell volume cancels in L1 and L2; it is kept in the formula for clarity only
        return new ErrorNorms(d1 * cellVolume / (e1 * cellVolume), Math.Sqrt(d2 * cellVolume / (e2 * cellVolume)), dInf / eInf);
    }

    /// <summary>The three norms, in the order l1, l2, linf.</summary>
    public double[] ToArray() => [L1, L2, Linf];

    public static ErrorNorms FromArray(IReadOnlyList<double> a) => new(a[0], a[1], a[2]);
}
