namespace FokkerPlanckGrid.Cli.Validation;

/// <summary>
/// What a study produced: its measures (by name), figures (file names in the report folder, with captions), tables
/// for the report, a line per case run, and notes. Filled in by the study as it runs.
/// </summary>
public sealed class StudyOutcome
{
    private readonly Dictionary<string, double> _measures = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> Measures => _measures;
    public List<(string File, string Caption)> Figures { get; } = [];
    public List<ReportTable> Tables { get; } = [];

    /// <summary>One line per solver run: case, grid, steps, eps, wall time.</summary>
    public List<string> Runs { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>Records measure <paramref name="name"/> (a later value replaces an earlier one).</summary>
    public void Measure(string name, double value) => _measures[name] = value;
}

/// <summary>A table of the report: a caption, a header row and rows of already formatted cells.</summary>
public sealed record ReportTable(string Caption, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);
