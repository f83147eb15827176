using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Validation;

namespace FokkerPlanckGrid.IO.Studies;

/// <summary>
/// A validation study as its file describes it (validation/README.md, "Study files"): which study kind runs it, the
/// paper's result it reproduces, its cases, the kind's parameters and the expected outcomes. Read and checked by
/// <see cref="StudyFile"/> before anything runs; the parameters are those of the size asked for (toy parameters merged in).
/// </summary>
/// <param name="File">the study file</param>
/// <param name="Kind">the study kind (`figure1`, `lp-exponents`, ...)</param>
/// <param name="Title">a heading for the report</param>
/// <param name="Reproduces">which result of the paper (figure, theorem, lemma)</param>
/// <param name="Paper">what the paper says, in a sentence or two</param>
/// <param name="Cases">the cases, resolved and checked, in file order</param>
/// <param name="Parameters">the kind's parameters (toy overrides applied at toy size)</param>
/// <param name="Size">the size the study was read for</param>
/// <param name="ToyDivide">at toy size, cells and steps of every case are divided by this (default 4)</param>
/// <param name="Expectations">the expected outcomes, in file order</param>
public sealed record StudySpec(string File, string Kind, string Title, string Reproduces, string Paper,
    IReadOnlyList<StudyCase> Cases, StudyParameters Parameters, StudySize Size, int ToyDivide,
    IReadOnlyList<Expectation> Expectations);

/// <summary>One case of a study.</summary>
/// <param name="Source">the case file as the study names it, or "(inline)"</param>
/// <param name="Case">the resolved case (at full size; the runner divides cells and steps at toy size)</param>
/// <param name="BaseDirectory">folder that relative file references of the case are resolved against</param>
/// <param name="Notes">notes raised while reading the case</param>
public sealed record StudyCase(string Source, Case Case, string BaseDirectory, IReadOnlyList<string> Notes);
