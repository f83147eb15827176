using System.Globalization;

namespace FokkerPlanckGrid.Validation;

/// <summary>
/// One expected outcome of a validation study, as its study file writes it: a named measure of the study kind, the
/// bound it must keep (<see cref="Max"/>: measured &lt;= Max; <see cref="Min"/>: measured &gt;= Min; both: an interval),
/// optionally other bounds at toy size, and what it says in words. A measure that comes out NaN fails.
/// </summary>
/// <param name="Measure">name of a measure the study kind produces</param>
/// <param name="Says">the expected outcome in words, for the report</param>
/// <param name="Max">upper bound at full size, or null</param>
/// <param name="Min">lower bound at full size, or null</param>
/// <param name="ToyMax">upper bound at toy size (null: <paramref name="Max"/>)</param>
/// <param name="ToyMin">lower bound at toy size (null: <paramref name="Min"/>)</param>
public sealed record Expectation(string Measure, string Says, double? Max, double? Min, double? ToyMax = null, double? ToyMin = null)
{
    /// <summary>The bounds that apply at <paramref name="size"/>.</summary>
    public (double? Max, double? Min) BoundsAt(StudySize size) =>
        size == StudySize.Toy ? (ToyMax ?? Max, ToyMin ?? Min) : (Max, Min);

    /// <summary>Compares <paramref name="measured"/> with the bounds of <paramref name="size"/>.</summary>
    public ExpectationResult Judge(double measured, StudySize size)
    {
        var (max, min) = BoundsAt(size);
        bool passed = !double.IsNaN(measured) && (max is not { } hi || measured <= hi) && (min is not { } lo || measured >= lo);
        return new ExpectationResult(this, measured, max, min, passed);
    }
}

/// <summary>An <see cref="Expectation"/> judged: the measured value, the bounds applied and the verdict.</summary>
public sealed record ExpectationResult(Expectation Expectation, double Measured, double? Max, double? Min, bool Passed)
{
    /// <summary>The bounds as text: "&lt;= 0.05", "&gt;= 0.9" or "in [0.4, 0.6]".</summary>
    public string Expected => (Max, Min) switch
    {
        ({ } hi, { } lo) => $"in [{Format(lo)}, {Format(hi)}]",
        ({ } hi, null) => $"<= {Format(hi)}",
        (null, { } lo) => $">= {Format(lo)}",
        _ => "(no bound)",
    };

    /// <summary>A number for reports: 4 significant digits, exponent form for tiny or huge values.</summary>
    public static string Format(double x)
    {
        if (double.IsNaN(x)) return "NaN";
        if (double.IsInfinity(x)) return x > 0 ? "inf" : "-inf";
        double a = Math.Abs(x);
        return a != 0 && (a < 1e-3 || a >= 1e4)
            ? x.ToString("0.###e+00", CultureInfo.InvariantCulture)
            : x.ToString("G4", CultureInfo.InvariantCulture);
    }
}
