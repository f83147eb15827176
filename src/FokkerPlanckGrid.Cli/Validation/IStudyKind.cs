using FokkerPlanckGrid.IO.Studies;

namespace FokkerPlanckGrid.Cli.Validation;

/// <summary>
/// A kind of validation study (one per result of the paper: `figure1`, `lp-exponents`, ...): it reads its study file's
/// parameters and cases, runs them, measures, draws its figures and names its measures, which the study file's
/// expected outcomes compare with bounds. One class per kind, registered in <see cref="StudyKinds"/>.
/// <para>
/// To add a kind: write a class implementing this interface under Validation/Studies/ (the mathematics it measures
/// belongs in the core library, its figures are <see cref="Plotting.Panels.Panel"/>s), add one line to
/// <see cref="StudyKinds.All"/>, and put a study file under validation/studies/ whose `kind` names it.
/// </para>
/// </summary>
public interface IStudyKind
{
    /// <summary>The `kind` value of study files.</summary>
    string Kind { get; }

    /// <summary>The measures it produces: name and meaning (the report prints the meaning beside each expectation).</summary>
    IReadOnlyList<StudyMeasure> Measures { get; }

    /// <summary>
    /// Checks the parameters and cases of <paramref name="spec"/> (a <see cref="Cases.CaseInputException"/> naming the key
    /// for anything wrong) and returns the study ready to run. Nothing is computed or written here.
    /// </summary>
    IStudy Prepare(StudySpec spec);
}

/// <summary>A study checked and ready to run.</summary>
public interface IStudy
{
    /// <summary>Runs the study: cases, measures, figures (written through <paramref name="context"/>), tables.</summary>
    StudyOutcome Run(StudyContext context);
}

/// <summary>A measure a study kind produces.</summary>
/// <param name="Name">the name expected outcomes use</param>
/// <param name="Meaning">what it is, with units, in one line</param>
public sealed record StudyMeasure(string Name, string Meaning);
