using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace FokkerPlanckGrid.Plotting;

/// <summary>
/// Logarithmic axes. ScottPlot 5 has no log scale: the data are plotted as log10 values and this class puts ticks at
/// the log10 of round numbers, labelled with the numbers themselves. Over fewer than about two decades the labels are
/// 1-2-5 numbers (0.05, 0.1, 0.2, ...), over more the decades 10^k, with minor ticks at 2..9 times each decade.
/// </summary>
internal static class LogTicks
{
    /// <summary>Sets decade/1-2-5 ticks on <paramref name="axis"/> for the log10 range [lo, hi].</summary>
    public static void Apply(IAxis axis, double lo, double hi)
    {
        if (!(hi > lo)) (lo, hi) = (lo - 0.5, hi + 0.5);
        var ticks = new NumericManual();
        double span = hi - lo;
        int first = (int)Math.Floor(lo) - 1, last = (int)Math.Ceiling(hi) + 1;
        if (span <= 2.2)
        {
            // label 1-2-5; over a short range, where that would leave fewer than three labels, every m * 10^k
            bool all = span < 0.8;
            for (int k = first; k <= last; k++)
                for (int m = 1; m <= 9; m++)
                {
                    double position = k + Math.Log10(m);
                    if (position < lo - 1e-9 || position > hi + 1e-9) continue;
                    if (all || m is 1 or 2 or 5) ticks.AddMajor(position, Plain(m, k));
                    else ticks.AddMinor(position);
                }
        }
        else
        {
            // at most about ten labelled decades, every 1, 2, 5, 10, 20, ... of them
            int step = new[] { 1, 2, 5, 10, 20, 50, 100 }.FirstOrDefault(n => span / n <= 10, 100);
            for (int k = first; k <= last; k++)
            {
                if (k < lo - 1e-9 || k > hi + 1e-9) { AddMinors(ticks, k, lo, hi, span); continue; }
                if (k % step == 0) ticks.AddMajor(k, Decade(k));
                else ticks.AddMinor(k);
                AddMinors(ticks, k, lo, hi, span);
            }
        }
        axis.TickGenerator = ticks;
    }

    private static void AddMinors(NumericManual ticks, int k, double lo, double hi, double span)
    {
        if (span > 8) return;
        for (int m = 2; m <= 9; m++)
        {
            double position = k + Math.Log10(m);
            if (position >= lo && position <= hi) ticks.AddMinor(position);
        }
    }

    /// <summary>m * 10^k as a plain number when short (0.05, 20), else as m·10^k.</summary>
    private static string Plain(int m, int k) =>
        k is >= -3 and <= 3
            ? (m * Math.Pow(10, k)).ToString("0.###", CultureInfo.InvariantCulture)
            : m == 1 ? Decade(k) : $"{m}·{Decade(k)}";

    /// <summary>
    /// A tick label of a linear axis: plain for moderate values (0.25, 1500), m·10^k for tiny or huge ones (the
    /// default formatter prints a mass drift of 2e-16 as "0").
    /// </summary>
    public static string Linear(double value)
    {
        double a = Math.Abs(value);
        if (a == 0 || (a >= 1e-3 && a < 1e5)) return value.ToString("0.#####", CultureInfo.InvariantCulture);
        int k = (int)Math.Floor(Math.Log10(a));
        double m = value / Math.Pow(10, k);
        if (Math.Abs(Math.Abs(m) - 10) < 1e-9) { m /= 10; k++; }
        string mantissa = m.ToString("0.##", CultureInfo.InvariantCulture);
        return mantissa is "1" ? Decade(k) : mantissa is "-1" ? "−" + Decade(k) : $"{mantissa}·{Decade(k)}";
    }

    /// <summary>10^k with a superscript exponent (1 and 10 written out).</summary>
    public static string Decade(int k) => k switch
    {
        0 => "1",
        1 => "10",
        _ => "10" + Superscript(k),
    };

    private static string Superscript(int k)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var s = k.ToString(CultureInfo.InvariantCulture);
        return string.Concat(s.Select(c => c == '-' ? '⁻' : digits[c - '0']));
    }
}
