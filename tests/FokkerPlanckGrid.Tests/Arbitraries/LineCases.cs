using FsCheck;
using FsCheck.Fluent;

namespace FokkerPlanckGrid.Tests.Arbitraries;

/// <summary>
/// Face coefficients of one line of n cells: cL &gt;= 0 &gt;= cR at the interior faces (exact zeros, tiny and huge
/// values over 12 decades up to <see cref="LineArbitraries.MaxCoefficient"/>), zero at the walls; and a right-hand side.
/// </summary>
public sealed record LineCase(double[] CL, double[] CR, double[] V)
{
    public int N => V.Length;

    public override string ToString() =>
        $"n {N}, cL [{string.Join(", ", CL.Select(Generators.Format))}], cR [{string.Join(", ", CR.Select(Generators.Format))}], " +
        $"v [{string.Join(", ", V.Select(Generators.Format))}]";
}

/// <summary>Random lines for the tridiagonal solver.</summary>
public static class LineArbitraries
{
    /// <summary>The largest coefficient magnitude: 1e3 keeps cond_1(I + dtau A) &lt;= 1 + 4e3, so a dense LU solve is a
    /// reference to ~1e-13.</summary>
    public const double MaxCoefficient = 1e3;

    private static Gen<double> Coefficient =>
        Gen.Frequency((1, Gen.Constant(0.0)), (6, Generators.LogUniform(1e-9, MaxCoefficient)));

    public static Gen<LineCase> Lines(int minCells, int maxCells) =>
        from n in Gen.Choose(minCells, maxCells)
        from cl in Gen.ArrayOf(Coefficient, n + 1)
        from cr in Gen.ArrayOf(Coefficient, n + 1)
        from v in Generators.Field(n, allowZeros: true)
        select new LineCase(
            cl.Select((c, f) => f == 0 || f == n ? 0.0 : c).ToArray(),
            cr.Select((c, f) => f == 0 || f == n ? 0.0 : -c).ToArray(),
            v);

    public static Arbitrary<LineCase> LineCase() => Arb.From(Lines(2, 200));
}
