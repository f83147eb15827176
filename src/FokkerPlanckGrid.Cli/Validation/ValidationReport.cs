using System.Globalization;
using System.Text;
using FokkerPlanckGrid.Validation;

namespace FokkerPlanckGrid.Cli.Validation;

/// <summary>
/// The Markdown report of `fpgrid validate` (report.md beside the figures): a summary table, then per study its title,
/// the result it reproduces, what the paper says, the runs, the figures, one PASS/FAIL line per expected outcome
/// (measured against expected), the study's own tables and notes, and the meaning of every measure it names.
/// Written under a temporary name and renamed when complete.
/// </summary>
public static class ValidationReport
{
    public const string FileName = "report.md";

    public static string Write(string outputDirectory, string source, StudySize size, IReadOnlyList<ValidationSession.Result> results,
        double seconds)
    {
        var md = new StringBuilder();
        int expected = results.Sum(r => r.Judged.Count), failed = results.Sum(r => r.Judged.Count(j => !j.Passed));
        md.AppendLine("# Validation report").AppendLine();
        md.AppendLine($"`fpgrid validate {source}` at **{(size == StudySize.Toy ? "toy" : "full")} size**, " +
            $"{DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, {Environment.ProcessorCount} cores: " +
            $"{results.Count} studies, {expected} expected outcomes, " +
            (failed == 0 && results.All(r => r.Failure is null) ? "**all PASS**" : $"**{failed} FAIL**") +
            $"; wall time {seconds.ToString("F1", CultureInfo.InvariantCulture)} s.").AppendLine();
        md.AppendLine("| study | reproduces | expected outcomes passed | result | time |").AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var r in results)
            md.AppendLine($"| [{Cell(r.Plan.Spec.Title)}](#{Anchor(r.Plan.Spec.Title)}) | {Cell(r.Plan.Spec.Reproduces)} | " +
                $"{r.Judged.Count(j => j.Passed)} of {r.Judged.Count} | {(r.Passed ? "PASS" : "**FAIL**")} | {r.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s |");
        md.AppendLine();
        md.AppendLine("Only the studies listed ran; each compares what it measured with the bounds its study file states " +
            "(`validation/studies/`, explained in `validation/README.md`).").AppendLine();

        foreach (var r in results) Study(md, r);

        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(outputDirectory, FileName);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, md.ToString());
        File.Move(tmp, path, overwrite: true);
        return path;
    }

    private static void Study(StringBuilder md, ValidationSession.Result r)
    {
        var spec = r.Plan.Spec;
        md.AppendLine($"## {spec.Title}").AppendLine();
        md.AppendLine($"**Reproduces:** {spec.Reproduces}. **Study file:** `{Relative(spec.File)}` (kind `{spec.Kind}`); " +
            $"cases: {string.Join(", ", spec.Cases.Select(c => $"`{c.Source}`"))}. " +
            $"**Result: {(r.Passed ? "PASS" : "FAIL")}** ({r.Judged.Count(j => j.Passed)} of {r.Judged.Count}), " +
            $"{r.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s.").AppendLine();
        md.AppendLine($"**The paper:** {spec.Paper}").AppendLine();
        if (r.Failure is not null) md.AppendLine($"**The study did not finish:** {r.Failure}").AppendLine();
        if (r.Outcome.Runs.Count > 0)
        {
            md.AppendLine("Runs:");
            foreach (var run in r.Outcome.Runs) md.AppendLine($"- {run}");
            md.AppendLine();
        }
        foreach (var (file, caption) in r.Outcome.Figures)
            md.AppendLine($"![{Inline(caption)}]({file})").AppendLine().AppendLine($"*{Inline(caption)}*").AppendLine();

        md.AppendLine("| result | measure | measured | expected | expected outcome |").AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var j in r.Judged)
            md.AppendLine($"| {(j.Passed ? "PASS" : "**FAIL**")} | `{j.Expectation.Measure}` | {ExpectationResult.Format(j.Measured)} | " +
                $"{Cell(j.Expected)} | {Cell(j.Expectation.Says)} |");
        md.AppendLine();
        foreach (var table in r.Outcome.Tables)
        {
            md.AppendLine($"{Inline(table.Caption)}:").AppendLine();
            md.AppendLine("| " + string.Join(" | ", table.Header.Select(Cell)) + " |");
            md.AppendLine("|" + string.Concat(Enumerable.Repeat(" --- |", table.Header.Count)));
            foreach (var row in table.Rows) md.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
            md.AppendLine();
        }
        foreach (var note in r.Outcome.Notes) md.AppendLine($"{Inline(note)}").AppendLine();
        md.AppendLine("Measures:");
        foreach (var m in r.Plan.Kind.Measures.Where(m => spec.Expectations.Any(x => x.Measure == m.Name)))
            md.AppendLine($"- `{m.Name}`: {Inline(m.Meaning)}");
        md.AppendLine();
    }

    /// <summary>Text inside a table cell: pipes escaped, one line.</summary>
    private static string Cell(string s) => Inline(s).Replace("|", "\\|");

    private static string Inline(string s) => s.ReplaceLineEndings(" ");

    /// <summary>GitHub's heading anchor: lower case, spaces to hyphens, punctuation dropped.</summary>
    private static string Anchor(string title) =>
        string.Concat(title.ToLowerInvariant().Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' ? ch.ToString() : ch == ' ' ? "-" : ""));

    private static string Relative(string file)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(file));
        return relative.StartsWith("..", StringComparison.Ordinal) ? file : relative;
    }
}
