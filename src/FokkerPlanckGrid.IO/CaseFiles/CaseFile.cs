using System.Text.Json.Nodes;
using FokkerPlanckGrid.Cases;

namespace FokkerPlanckGrid.IO.CaseFiles;

/// <summary>
/// Reads and writes case files (SPEC.md, "Case file"): JSON with comments and trailing commas, `--set key=value`
/// overrides, every default filled in, every key checked once. Any bad input raises a <see cref="CaseInputException"/>
/// whose one-line message names the dotted key, the value and what is allowed; invalid JSON has key "(file)".
/// </summary>
public static class CaseFile
{
    private const string DefaultResource = "FokkerPlanckGrid.IO.CaseFiles.default-case.json";

    private static readonly Lazy<string> DefaultText = new(() =>
    {
        using var stream = typeof(CaseFile).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"embedded resource {DefaultResource} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The embedded default case (P1a with eps = 0.2, the paper's Figure 1 data) as case-file text.</summary>
    public static string DefaultJson => DefaultText.Value;

    /// <summary>The embedded default case, parsed (a fresh instance on every call; its note about weights dropped).</summary>
    public static Case Default => Parse(DefaultJson, []).Case;

    /// <summary>
    /// Parses case-file text, applying <paramref name="overrides"/> (`key=value`, dotted key, JSON value or else a
    /// string; a JSON null removes the key) to the JSON tree before it is mapped and checked.
    /// </summary>
    /// <param name="jsonText">the case file's text</param>
    /// <param name="overrides">`--set` arguments without the `--set`, applied in order</param>
    /// <param name="sourceName">file name used in "(file)" errors</param>
    /// <exception cref="CaseInputException">invalid JSON, a malformed override or any bad value</exception>
    public static ParsedCase Parse(string jsonText, IEnumerable<string> overrides, string? sourceName = null)
    {
        var source = sourceName ?? "(case text)";
        var root = CaseJson.ParseText(jsonText, source);
        if (root is not JsonObject obj) throw new CaseInputException("(file)", source, "the case must be a JSON object {...}");
        CaseOverrides.Apply(obj, overrides);
        var reader = new CaseReader();
        var c = reader.Read(obj, source);
        return new ParsedCase(c, reader.Notes.ToArray());
    }

    /// <summary>Reads and parses a case file; an unreadable file is a <see cref="CaseInputException"/> with key "(file)".</summary>
    public static ParsedCase Load(string path, IEnumerable<string> overrides)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
                                      or NotSupportedException)
        {
            throw new CaseInputException("(file)", path, "cannot read the case file: " + CaseJson.OneLine(e.Message));
        }
        return Parse(text, overrides, path);
    }

    /// <summary>
    /// The full resolved case as indented case-file JSON (every default written out, spec key names, kinds in kebab
    /// case, "inf" for an infinite p), such that Parse(ToJson(c)) reproduces c. Tables loaded from HDF5 files are not
    /// written, only the file references.
    /// </summary>
    public static string ToJson(Case c) => CaseWriter.Write(c);
}
