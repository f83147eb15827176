using FokkerPlanckGrid.Cases;

namespace FokkerPlanckGrid.IO.CaseFiles;

/// <summary>
/// A checked, fully resolved case and the notes raised while reading it: harmless adjustments and warnings the user
/// should see (e.g. "data.weights summed to 1.1 and were normalised", a thin margin between box and data support).
/// Notes are single lines; print them, do not treat them as errors.
/// </summary>
public sealed record ParsedCase(Case Case, IReadOnlyList<string> Notes);
