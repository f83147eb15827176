using FokkerPlanckGrid.Cases;

namespace FokkerPlanckGrid.Distributions;

/// <summary>Maps a case's data block to its distribution. (Interim: Dirac mixtures only.)</summary>
public static class DataDistributions
{
    public static IDataDistribution From(DataSpec spec) => spec switch
    {
        DiracMixtureSpec d => new DiracMixture(d.Points, d.Weights),
        _ => throw new CaseInputException("data.kind", spec.Kind, "not available in this build"),
    };
}
