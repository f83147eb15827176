using System.Globalization;
using FokkerPlanckGrid.Distributions;
using FsCheck;
using FsCheck.Fluent;

namespace FokkerPlanckGrid.Tests.Arbitraries;

/// <summary>Scalar generators shared by the arbitraries (uniform and log-uniform doubles, sometimes exact zeros).</summary>
public static class Generators
{
    private const int Resolution = 1 << 30;

    /// <summary>Uniform on [lo, hi] (2^30 levels; the ends included).</summary>
    public static Gen<double> Uniform(double lo, double hi) =>
        Gen.Choose(0, Resolution).Select(k => k == Resolution ? hi : lo + (hi - lo) * (k / (double)Resolution));

    /// <summary>Log-uniform on [lo, hi], lo &gt; 0: every decade equally likely (the ends included).</summary>
    public static Gen<double> LogUniform(double lo, double hi) =>
        Uniform(Math.Log(lo), Math.Log(hi)).Select(Math.Exp).Select(x => Math.Clamp(x, lo, hi));

    /// <summary>eps in [0, 2]: exactly 0 (the probability-flow ODE) one time in five, exactly 2 one time in ten.</summary>
    public static Gen<double> Eps =>
        Gen.Frequency((2, Gen.Constant(0.0)), (1, Gen.Constant(2.0)), (7, Uniform(0, 2)));

    /// <summary>1 to 6 points strictly inside [lo, hi]^d with positive weights spread over six decades.</summary>
    public static Gen<MixtureSpec> Mixture(double[] lower, double[] upper) =>
        from k in Gen.Choose(1, 6)
        from coords in Gen.ArrayOf(Uniform(0.02, 0.98), k * lower.Length)
        from weights in Gen.ArrayOf(LogUniform(1e-6, 1), k)
        select new MixtureSpec(
            Enumerable.Range(0, k).Select(q => Enumerable.Range(0, lower.Length)
                .Select(d => lower[d] + (upper[d] - lower[d]) * coords[q * lower.Length + d]).ToArray()).ToArray(),
            weights);

    /// <summary>
    /// Terminal data on n cells: strictly positive values over ~26 decades, or the same with exact zeros (about half
    /// the cells, at least one cell positive), or a single positive cell.
    /// </summary>
    public static Gen<double[]> Field(int n, bool allowZeros) =>
        from mode in Gen.Choose(0, allowZeros ? 2 : 0)
        from values in Gen.ArrayOf(Uniform(-20, 5).Select(Math.Exp), n)
        from zeros in Gen.ArrayOf(Gen.Choose(0, 1), n)
        from keep in Gen.Choose(0, n - 1)
        select mode switch
        {
            0 => values,
            1 => values.Select((x, i) => zeros[i] == 1 && i != keep ? 0.0 : x).ToArray(),
            _ => values.Select((x, i) => i == keep ? x : 0.0).ToArray(),
        };

    /// <summary>Strictly positive data (for the second argument of a KL divergence).</summary>
    public static Gen<double[]> PositiveField(int n) => Field(n, allowZeros: false);

    internal static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A Dirac mixture in plain arrays (so that FsCheck prints it on failure).</summary>
public sealed record MixtureSpec(double[][] Points, double[] Weights)
{
    public DiracMixture ToMixture() => new(Points, Weights);

    public override string ToString() =>
        "{" + string.Join(", ", Points.Select((p, k) =>
            $"w={Generators.Format(Weights[k])} at ({string.Join(", ", p.Select(Generators.Format))})")) + "}";
}
