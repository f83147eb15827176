using FokkerPlanckGrid.Scores;

namespace FokkerPlanckGrid.Particles;

/// <summary>
/// delta = 2t s(x, t) through <see cref="IScore.Evaluate"/>, one particle at a time: the path for every score without
/// a batched kernel (Gaussian mixtures, uniform boxes, a tabulated grid-file score interpolated to the particle).
/// </summary>
public sealed class PointwiseMeanShiftKernel(IScore score) : IMeanShiftKernel
{
    public int Dimension => score.Dimension;

    public void Displacement(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, double t, Span<double> d0, Span<double> d1)
    {
        Span<double> x = stackalloc double[2];
        Span<double> s = stackalloc double[2];
        int dim = Dimension;
        double twoT = 2 * t;
        for (int i = 0; i < x0.Length; i++)
        {
            x[0] = x0[i];
            if (dim == 2) x[1] = x1[i];
            score.Evaluate(x[..dim], t, s[..dim]);
            d0[i] = twoT * s[0];
            if (dim == 2) d1[i] = twoT * s[1];
        }
    }
}
