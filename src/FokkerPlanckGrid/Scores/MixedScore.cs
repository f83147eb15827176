using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Scores;

/// <summary>
/// Score mixing and guidance: s = lambda s1 + (1 - lambda) s2 (follow-up paper, MATH.md section 3).
/// For lambda in [0, 1] each term obeys Li-Yau, so the mixture does; for lambda &gt; 1 (guidance) it need not.
/// </summary>
public sealed class MixedScore : IScore
{
    private readonly FaceField? _scratch;
    private readonly Grid? _scratchGrid;

    public MixedScore(double lambda, IScore first, IScore second)
    {
        if (first.Dimension != second.Dimension) throw new ArgumentException("mixed scores must have one dimension");
        if (!(lambda >= 0) || !double.IsFinite(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda));
        Lambda = lambda;
        First = first;
        Second = second;
    }

    private MixedScore(MixedScore other, Grid grid) : this(other.Lambda, other.First, other.Second)
    {
        _scratchGrid = grid;
        _scratch = new FaceField(grid);
    }

    public double Lambda { get; }
    public IScore First { get; }
    public IScore Second { get; }
    public int Dimension => First.Dimension;

    public (double Min, double Max) TimeRange =>
        (Math.Max(First.TimeRange.Min, Second.TimeRange.Min), Math.Min(First.TimeRange.Max, Second.TimeRange.Max));

    /// <summary>A copy that owns a face buffer for <paramref name="grid"/>, so face evaluation allocates nothing.</summary>
    public MixedScore WithBuffersFor(Grid grid) => new(this, grid);

    public void Evaluate(ReadOnlySpan<double> x, double t, Span<double> score)
    {
        Span<double> s2 = stackalloc double[Dimension];
        First.Evaluate(x, t, score);
        Second.Evaluate(x, t, s2);
        for (int d = 0; d < Dimension; d++) score[d] = Lambda * score[d] + (1 - Lambda) * s2[d];
    }

    public void EvaluateFaces(Grid grid, double t, FaceField faces)
    {
        var scratch = ReferenceEquals(grid, _scratchGrid) ? _scratch! : new FaceField(grid);
        First.EvaluateFaces(grid, t, faces);
        Second.EvaluateFaces(grid, t, scratch);
        Combine(faces.X, scratch.X);
        Combine(faces.Y, scratch.Y);
    }

    private void Combine(double[] a, double[] b)
    {
        for (int i = 0; i < a.Length; i++) a[i] = Lambda * a[i] + (1 - Lambda) * b[i];
    }
}
