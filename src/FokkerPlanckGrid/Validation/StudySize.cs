namespace FokkerPlanckGrid.Validation;

/// <summary>
/// The size a validation study runs at: <see cref="Full"/> (the study file's case as written: the figures and numbers
/// of the report) or <see cref="Toy"/> (cells and steps divided by the study's factor, for the tests; the study file
/// states the thresholds it expects at that size).
/// </summary>
public enum StudySize
{
    /// <summary>The case as written.</summary>
    Full,

    /// <summary>Cells and steps divided by the study's toy factor (default 4).</summary>
    Toy,
}
