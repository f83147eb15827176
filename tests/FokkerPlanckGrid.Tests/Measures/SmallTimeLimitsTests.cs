using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FokkerPlanckGrid.Tests.Measures;

/// <summary>The small-t shape of a Dirac mixture's heat flow: exact inequalities, checked over random mixtures, x and t.</summary>
public class SmallTimeLimitsTests
{
    public sealed record PointCase(MixtureSpec Data, double T, double[] X)
    {
        public override string ToString() => $"{Data}, t {T:R}, x ({string.Join(", ", X.Select(Generators.Format))})";
    }

    private static Gen<PointCase> Cases(int d) =>
        from data in Generators.Mixture(Enumerable.Repeat(-3.0, d).ToArray(), Enumerable.Repeat(3.0, d).ToArray())
        from t in Generators.LogUniform(1e-6, 10)
        from x in Gen.ArrayOf(Generators.Uniform(-6, 6), d)
        select new PointCase(data, t, x);

    /// <summary>4t log w_min - 2 d t log(4 pi t) &lt;= 4t log u + d(x,S)^2 &lt;= -2 d t log(4 pi t).</summary>
    [Property(MaxTest = 300)]
    public Property VaradhanGap_LiesInItsExactInterval_In1D() => Prop.ForAll(Arb.From(Cases(1)), Check);

    [Property(MaxTest = 300)]
    public Property VaradhanGap_LiesInItsExactInterval_In2D() => Prop.ForAll(Arb.From(Cases(2)), Check);

    private static void Check(PointCase c)
    {
        var data = c.Data.ToMixture();
        double gap = SmallTimeLimits.VaradhanGap(data, c.X, c.T);
        var (lower, upper) = SmallTimeLimits.VaradhanBounds(data, c.T);
        double slack = 1e-12 * (1 + Math.Abs(gap) + data.DistanceToSupport(c.X) * data.DistanceToSupport(c.X));
        Assert.InRange(gap, lower - slack, upper + slack);
        double deviation = SmallTimeLimits.MeanShiftDeviation(data, c.X, c.T);
        double bound = SmallTimeLimits.MeanShiftDeviationBound(data, c.X, c.T);
        Assert.True(deviation <= bound + 1e-12 * (1 + c.X.Sum(Math.Abs)), $"|m - y_i| = {deviation:R} > bound {bound:R}");
    }

    /// <summary>Between the Voronoi boundaries the mean shift is the nearest atom to exponential accuracy as t -&gt; 0.</summary>
    [Fact]
    public void MeanShift_AwayFromTheBoundaries_ConvergesToTheNearestAtom()
    {
        var data = new DiracMixture([[-5.0], [0.0], [5.0]], [0.7, 0.3, 0.1]);
        double Worst(double t) => Enumerable.Range(0, 201).Select(i => -10 + 0.1 * i)
            .Where(x => Math.Abs(Math.Abs(x) - 2.5) >= 0.5).Max(x => SmallTimeLimits.MeanShiftDeviation(data, [x], t));
        Assert.True(Worst(0.1) < 1e-4);
        Assert.True(Worst(0.02) < 1e-12);   // exp(-62) in exact arithmetic: rounding is all that is left
        Assert.True(Worst(1) > 0.1);
    }
}
