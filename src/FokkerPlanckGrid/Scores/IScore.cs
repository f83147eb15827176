using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Scores;

/// <summary>
/// A score field s(x, t) ~ grad log u(x, t) that drives the backward Fokker-Planck equation: exact (of a data
/// distribution), mixed (score guidance) or tabulated (a trained network sampled on the grid).
/// </summary>
public interface IScore
{
    int Dimension { get; }

    /// <summary>The interval of times on which the score is defined (exact scores: (0, +inf)).</summary>
    (double Min, double Max) TimeRange { get; }

    /// <summary>s(x, t) at one point.</summary>
    void Evaluate(ReadOnlySpan<double> x, double t, Span<double> score);

    /// <summary>
    /// The normal component of s(., t) at every face of <paramref name="grid"/>: s_x at the x-faces, s_y at the y-faces
    /// (wall faces included). Called once per time step, so implementations evaluate each face exactly once and may
    /// work in parallel over grid lines; they must not allocate per call.
    /// </summary>
    void EvaluateFaces(Grid grid, double t, FaceField faces);
}
