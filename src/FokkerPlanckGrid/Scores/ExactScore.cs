using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Scores;

/// <summary>The exact score s = grad log u of a data distribution's heat flow (MATH.md section 1).</summary>
public sealed class ExactScore(IDataDistribution data) : IScore
{
    public IDataDistribution Data { get; } = data;
    public int Dimension => Data.Dimension;
    public (double Min, double Max) TimeRange => (0, double.PositiveInfinity);
    public void Evaluate(ReadOnlySpan<double> x, double t, Span<double> score) => Data.Score(x, t, score);
    public void EvaluateFaces(Grid grid, double t, FaceField faces) => PointwiseFaces.Fill(this, grid, t, faces);
}
