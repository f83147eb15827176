using FokkerPlanckGrid.Cases;

namespace FokkerPlanckGrid.Distributions;

/// <summary>Builds the <see cref="IDataDistribution"/> a case's `data` block (<see cref="DataSpec"/>) describes.</summary>
public static class DataDistributions
{
    /// <summary>Quadrature nodes of a curve whose spec leaves <see cref="CurveSpec.Nodes"/> unset (&lt;= 0).</summary>
    public const int DefaultCurveNodes = 512;

    /// <summary>
    /// Maps each spec kind to its distribution:
    /// <list type="bullet">
    /// <item><see cref="DiracMixtureSpec"/> → <see cref="DiracMixture"/>;</item>
    /// <item><see cref="GaussianMixtureSpec"/> → <see cref="GaussianMixture"/>;</item>
    /// <item><see cref="UniformBoxSpec"/> → <see cref="UniformBox"/>;</item>
    /// <item><see cref="CurveSpec"/> → <see cref="CurveMeasure"/>;</item>
    /// <item><see cref="SamplesSpec"/> → a uniform <see cref="DiracMixture"/> on <see cref="SamplesSpec.Points"/> if set
    ///   (the IO layer loads the file variant into Points); else on <see cref="SamplesSpec.Count"/> draws from
    ///   <see cref="SamplesSpec.From"/>'s distribution with <c>new Random(Seed)</c> — reproducible for a fixed seed
    ///   (and a fixed .NET Random implementation); else an <see cref="ArgumentException"/>.</item>
    /// </list>
    /// Invalid parameters surface as <see cref="ArgumentException"/> from the constructors.
    /// </summary>
    public static IDataDistribution From(DataSpec spec) => spec switch
    {
        DiracMixtureSpec d => new DiracMixture(d.Points, d.Weights),
        GaussianMixtureSpec g => new GaussianMixture(g.Means, g.Covariances, g.Weights),
        UniformBoxSpec u => FromBox(u.Box),
        CurveSpec c => new CurveMeasure(c.Shape, c.Scale, c.Nodes > 0 ? c.Nodes : DefaultCurveNodes, c.Center),
        SamplesSpec s => FromSamples(s),
        _ => throw new ArgumentException($"unsupported data kind '{spec.Kind}'"),
    };

    /// <summary>Draws <paramref name="count"/> points of u0 with <paramref name="random"/>.</summary>
    public static double[][] Draw(IDataDistribution distribution, int count, Random random)
    {
        var points = new double[count][];
        for (int i = 0; i < count; i++)
        {
            points[i] = new double[distribution.Dimension];
            distribution.Sample(random, points[i]);
        }
        return points;
    }

    private static UniformBox FromBox(double[][] box)
    {
        if (box.Any(side => side.Length != 2)) throw new ArgumentException("each box side must be a [lower, upper] pair");
        return new UniformBox(box.Select(side => side[0]).ToArray(), box.Select(side => side[1]).ToArray());
    }

    private static DiracMixture FromSamples(SamplesSpec s)
    {
        if (s.Points is { } points) return DiracMixture.Uniform(points);
        if (s.From is { } from)
        {
            if (s.Count < 1) throw new ArgumentException($"samples: count must be positive, got {s.Count}");
            return DiracMixture.Uniform(Draw(From(from), s.Count, new Random(s.Seed)));
        }
        throw new ArgumentException("samples: neither points (loaded from a file) nor a 'from' distribution is given");
    }
}
