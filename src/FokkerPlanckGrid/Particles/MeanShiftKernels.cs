using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Scores;

namespace FokkerPlanckGrid.Particles;

/// <summary>Picks the fastest <see cref="IMeanShiftKernel"/> a score allows.</summary>
public static class MeanShiftKernels
{
    /// <summary>
    /// Dirac mixtures, curve quadratures and empirical measures (exact scores of atoms) get the vectorised
    /// <see cref="DiracMeanShiftKernel"/>; a <see cref="MixedScore"/> combines its parts' kernels; anything else goes
    /// through <see cref="IScore.Evaluate"/> point by point.
    /// </summary>
    public static IMeanShiftKernel For(IScore score, int blockLength) => score switch
    {
        DiracMixtureScore d => new DiracMeanShiftKernel(d.Data),
        ExactScore { Data: DiracMixture dm } => new DiracMeanShiftKernel(dm),
        ExactScore { Data: CurveMeasure c } => new DiracMeanShiftKernel(c.Nodes),
        MixedScore m => new MixedMeanShiftKernel(m.Lambda, For(m.First, blockLength), For(m.Second, blockLength), blockLength),
        _ => new PointwiseMeanShiftKernel(score),
    };
}
