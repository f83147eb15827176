using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Scores;

/// <summary>
/// s(x, t) + c x for an inner score s: the transport score b/(1+eps) of a forward process with a linear drift,
/// b = (1+eps) s + kappa x, c = kappa/(1+eps) (the Ornstein-Uhlenbeck process: kappa = 1). The steppers multiply the
/// face values by 1+eps, so they transport with exactly b; being a face velocity like any other, it keeps the Markov
/// property of the implicit upwind step (positivity, mass, data processing). The added part is exact at every face:
/// its face difference along an axis is c (h/h), so the discrete Li-Yau bound of the transport score is that of s
/// shifted by -c. Not a score of anything: diagnostics of the score itself (snapshots, Li-Yau of s, Remark 5.4) use
/// <see cref="Inner"/>. Allocates nothing.
/// </summary>
public sealed class LinearDriftScore(IScore inner, double coefficient) : IScore
{
    public IScore Inner { get; } = inner;

    /// <summary>c in s + c x.</summary>
    public double Coefficient { get; } = coefficient;

    public int Dimension => Inner.Dimension;
    public (double Min, double Max) TimeRange => Inner.TimeRange;

    public void Evaluate(ReadOnlySpan<double> x, double t, Span<double> score)
    {
        Inner.Evaluate(x, t, score);
        for (int d = 0; d < Dimension; d++) score[d] += Coefficient * x[d];
    }

    public void EvaluateFaces(Grid grid, double t, FaceField faces)
    {
        Inner.EvaluateFaces(grid, t, faces);
        int nx = grid.Nx, ny = grid.Ny;
        double c = Coefficient;
        var fx = faces.X;
        for (int i = 0; i <= nx; i++)
        {
            double shift = c * grid.X.Face(i);
            for (int j = 0; j < ny; j++) fx[i * ny + j] += shift;
        }
        if (grid.Dimension == 1) return;
        var fy = faces.Y;
        for (int i = 0; i < nx; i++)
            for (int j = 0; j <= ny; j++)
                fy[i * (ny + 1) + j] += c * grid.Y.Face(j);
    }
}
