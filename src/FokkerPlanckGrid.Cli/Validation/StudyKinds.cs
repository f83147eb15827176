using FokkerPlanckGrid.Cli.Validation.Studies;

namespace FokkerPlanckGrid.Cli.Validation;

/// <summary>
/// The registered study kinds, in the order the report lists them (the paper's order). Adding a kind is adding its
/// class to this list.
/// </summary>
public static class StudyKinds
{
    public static readonly IReadOnlyList<IStudyKind> All =
    [
        new Figure1Study(),
        new Figure2GridStudy(),
        new Figure2SdeStudy(),
        new Figure3Study(),
        new Figure4CoresStudy(),
        new LpExponentStudy(),
        new ConcentrationStudy(),
        new Theorem311Study(),
        new KlMonotonicityStudy(),
        new MixingStudy(),
        new MonteCarloStudy(),
    ];

    /// <summary>The kind named <paramref name="kind"/>, or null.</summary>
    public static IStudyKind? Find(string kind) => All.FirstOrDefault(k => k.Kind == kind);
}
