using System.Text.Json.Nodes;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.IO.CaseFiles;
using FokkerPlanckGrid.Validation;
using static FokkerPlanckGrid.IO.CaseFiles.CaseJson;

namespace FokkerPlanckGrid.IO.Studies;

/// <summary>
/// Reads a study file (JSON, comments and trailing commas allowed):
/// <code>
/// {
///   "kind": "figure1",                              // a registered study kind
///   "title": "...", "reproduces": "...", "paper": "...",
///   "cases": ["../cases/figure1.json", {...}],      // paths (relative to this file) or inline cases; or "case": one
///   "parameters": { ... },                          // the kind's own keys
///   "toy": { "divide": 4, "parameters": { ... } },  // toy size: cells and steps / divide, these parameters merged in
///   "expect": [ { "measure": "...", "max": 0.05, "toyMax": 0.2, "says": "..." } ]
/// }
/// </code>
/// Every key is checked; a bad one raises a <see cref="CaseInputException"/> naming it (a case's keys are prefixed
/// with `cases[i] (its file)`). The kind's parameter keys and measure names are checked by the kind itself.
/// </summary>
public static class StudyFile
{
    /// <summary>Reads and checks the study at <paramref name="path"/> for <paramref name="size"/>.</summary>
    public static StudySpec Load(string path, StudySize size)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CaseInputException("(file)", path, "cannot read the study file: " + OneLine(e.Message));
        }
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return Parse(text, path, baseDir, size);
    }

    /// <summary>Parses study text; relative case paths are resolved against <paramref name="baseDirectory"/>.</summary>
    public static StudySpec Parse(string text, string file, string baseDirectory, StudySize size)
    {
        if (ParseText(text, file) is not JsonObject o) throw new CaseInputException("(file)", file, "a study must be a JSON object {...}");
        AllowKeys(o, "", "kind", "title", "reproduces", "paper", "case", "cases", "parameters", "toy", "expect");
        var kind = String(o["kind"], "kind", "must name a study kind");
        var title = String(o["title"], "title", "must be a non-empty string (the report's heading)");
        var reproduces = String(o["reproduces"], "reproduces", "must say which result of the paper the study reproduces");
        var paper = String(o["paper"], "paper", "must say what the paper states, in a sentence or two");
        var cases = ReadCases(o, baseDirectory);

        var parameters = OptionalObject(o["parameters"], "parameters", "an object of the kind's parameters") ?? new JsonObject();
        int divide = 4;
        JsonObject? toyParameters = null;
        if (OptionalObject(o["toy"], "toy", """an object {"divide": 4, "parameters": {...}}""") is { } toy)
        {
            AllowKeys(toy, "toy", "divide", "parameters");
            divide = Integer(toy["divide"], "toy.divide", "must be an integer >= 1 (cells and steps are divided by it at toy size)", n => n >= 1, 4);
            toyParameters = OptionalObject(toy["parameters"], "toy.parameters", "an object of parameters that replace the full-size ones");
        }
        var merged = (JsonObject)parameters.DeepClone();
        if (size == StudySize.Toy && toyParameters is not null)
            foreach (var (key, value) in toyParameters) merged[key] = value?.DeepClone();

        var expectNode = Array(o["expect"], "expect", "must be a non-empty array of expected outcomes");
        if (expectNode.Count == 0) throw Error("expect", expectNode, "must be a non-empty array of expected outcomes");
        var expectations = expectNode.Select((e, i) => ReadExpectation(e, $"expect[{i}]")).ToArray();
        return new StudySpec(file, kind, title, reproduces, paper, cases, new StudyParameters(merged), size, divide, expectations);
    }

    private static StudyCase[] ReadCases(JsonObject o, string baseDirectory)
    {
        if (o["case"] is not null && o["cases"] is not null)
            throw Error("cases", o["cases"], "give either case or cases, not both");
        var nodes = o["case"] is { } single ? [single]
            : o["cases"] is JsonArray many && many.Count > 0 ? many.ToArray()
            : throw Error("cases", o["cases"], "required: a case file path, an inline case, or a non-empty array of them");
        var cases = new StudyCase[nodes.Length];
        for (int i = 0; i < nodes.Length; i++)
        {
            string where = o["case"] is not null ? "case" : $"cases[{i}]";
            var node = nodes[i];
            try
            {
                if (node is JsonObject inline)
                {
                    var parsed = CaseFile.Parse(inline.ToJsonString(), [], where);
                    cases[i] = new StudyCase("(inline)", parsed.Case, baseDirectory, parsed.Notes);
                }
                else
                {
                    var relative = String(node, where, "must be a case file path (relative to the study file) or an inline case object");
                    var full = Path.IsPathRooted(relative) ? relative : Path.Combine(baseDirectory, relative);
                    if (!File.Exists(full)) throw Error(where, node, $"no such case file ({full})");
                    var parsed = CaseFile.Load(full, []);
                    cases[i] = new StudyCase(relative, parsed.Case, Path.GetDirectoryName(Path.GetFullPath(full)) ?? ".", parsed.Notes);
                }
            }
            catch (CaseInputException e) when (!e.Key.StartsWith(where, StringComparison.Ordinal))
            {
                var source = node is JsonObject ? "inline" : node?.ToString() ?? "";
                throw new CaseInputException($"{where} ({source}): {e.Key}", e.Value, e.Allowed);
            }
        }
        return cases;
    }

    private static Expectation ReadExpectation(JsonNode? node, string path)
    {
        var o = RequiredObject(node, path, """an object {"measure": .., "max" or "min": .., "says": ..}""");
        AllowKeys(o, path, "measure", "says", "max", "min", "toyMax", "toyMin");
        var measure = String(o["measure"], path + ".measure", "must name a measure of the study kind");
        var says = String(o["says"], path + ".says", "must state the expected outcome in words");
        double? Bound(string key) => o[key] is null ? null : Number(o[key], $"{path}.{key}", "must be a finite number", _ => true);
        var (max, min, toyMax, toyMin) = (Bound("max"), Bound("min"), Bound("toyMax"), Bound("toyMin"));
        if (max is null && min is null) throw Error(path, o, "needs a bound: max (measured <= max) and/or min (measured >= min)");
        if (max < min) throw Error(path + ".max", o["max"], $"must be >= min = {Num(min!.Value)}");
        if (toyMax is not null && max is null) throw Error(path + ".toyMax", o["toyMax"], "needs max (toyMax replaces it at toy size)");
        if (toyMin is not null && min is null) throw Error(path + ".toyMin", o["toyMin"], "needs min (toyMin replaces it at toy size)");
        return new Expectation(measure, says, max, min, toyMax, toyMin);
    }
}
