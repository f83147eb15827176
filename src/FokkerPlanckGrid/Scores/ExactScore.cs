using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Scores;

/// <summary>
/// The exact score s = grad log u of a data distribution's heat flow (MATH.md section 1), or of any other family of
/// laws given as an <see cref="IDataDistribution"/> (the Ornstein-Uhlenbeck laws of <see cref="OrnsteinUhlenbeckMarginals"/>).
/// Faces are evaluated point by point, except for the Ornstein-Uhlenbeck laws of a Dirac mixture (or of a curve's
/// quadrature nodes, or of a Gaussian mixture with diagonal covariances): there s_ou(x, tau) = a s(a x, t) with
/// a = e^tau, t = (e^{2tau} - 1)/2 is the heat-flow score of the same data at scaled positions, and the separable face
/// kernel of <see cref="DiracMixtureScore"/> or <see cref="GaussianMixtureScore"/> evaluates it (K exponentials per
/// grid line instead of K per face; equal to the pointwise formula to rounding).
/// </summary>
public sealed class ExactScore(IDataDistribution data, int threads = 0) : IScore
{
    private readonly IScaledFaces? _ouFaces = data switch
    {
        OrnsteinUhlenbeckMarginals { Data: DiracMixture d } => new DiracMixtureScore(d, threads),
        OrnsteinUhlenbeckMarginals { Data: CurveMeasure c } => new DiracMixtureScore(c.Nodes, threads),
        OrnsteinUhlenbeckMarginals { Data: GaussianMixture { IsDiagonal: true } g } => new GaussianMixtureScore(g, threads),
        _ => null,
    };

    public IDataDistribution Data { get; } = data;
    public int Dimension => Data.Dimension;
    public (double Min, double Max) TimeRange => (0, double.PositiveInfinity);
    public void Evaluate(ReadOnlySpan<double> x, double t, Span<double> score) => Data.Score(x, t, score);

    public void EvaluateFaces(Grid grid, double t, FaceField faces)
    {
        if (_ouFaces is null) PointwiseFaces.Fill(this, grid, t, faces);
        else _ouFaces.EvaluateFaces(grid, OrnsteinUhlenbeckMarginals.HeatTime(t), faces, OrnsteinUhlenbeckMarginals.Scale(t));
    }
}
