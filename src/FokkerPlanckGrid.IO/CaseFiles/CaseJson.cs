using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FokkerPlanckGrid.Cases;

namespace FokkerPlanckGrid.IO.CaseFiles;

/// <summary>
/// Typed reads from a JSON tree with one-line <see cref="CaseInputException"/>s. A JSON <c>null</c> counts as absent.
/// Every failing read names the dotted key, shows the offending value as compact JSON and states the rule.
/// </summary>
internal static class CaseJson
{
    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
    };

    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses JSON text (comments and trailing commas allowed); a syntax error names line and position.</summary>
    public static JsonNode? ParseText(string text, string source)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? l + 1 : 0;
            var pos = e.BytePositionInLine is { } p ? p + 1 : 0;
            var reason = OneLine(e.Message);
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) reason = reason[..cut];
            throw new CaseInputException("(file)", source, $"invalid JSON at line {line}, position {pos}: {reason}");
        }
    }

    public static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();

    /// <summary>Compact JSON of a value, shortened to one readable line.</summary>
    public static string Show(JsonNode? node)
    {
        var s = node is null ? "(missing)" : node.ToJsonString(Compact);
        return s.Length <= 100 ? s : s[..97] + "...";
    }

    public static string Num(double x) =>
        double.IsPositiveInfinity(x) ? "inf" : x.ToString("G6", CultureInfo.InvariantCulture);

    public static string Box(double[][] box) =>
        "[" + string.Join(", ", box.Select(b => $"[{Num(b[0])}, {Num(b[1])}]")) + "]";

    public static CaseInputException Error(string key, JsonNode? node, string allowed) => new(key, Show(node), allowed);

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    /// <summary>Rejects every key of <paramref name="obj"/> not in <paramref name="allowed"/> (typos must not pass).</summary>
    public static void AllowKeys(JsonObject obj, string path, params string[] allowed)
    {
        foreach (var (key, value) in obj)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
                throw Error(Join(path, key), value, "unknown key; allowed: " + string.Join(", ", allowed));
        }
    }

    /// <summary>The object at <paramref name="key"/>, or null when absent.</summary>
    public static JsonObject? OptionalObject(JsonNode? node, string key, string rule) => node switch
    {
        null => null,
        JsonObject o => o,
        _ => throw Error(key, node, rule),
    };

    public static JsonObject RequiredObject(JsonNode? node, string key, string rule) =>
        OptionalObject(node, key, rule) ?? throw Error(key, null, "required; " + rule);

    public static bool TryNumber(JsonNode? node, out double x)
    {
        x = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out x) && double.IsFinite(x);
    }

    /// <summary>A finite number satisfying <paramref name="ok"/>; <paramref name="fallback"/> when absent (null: required).</summary>
    public static double Number(JsonNode? node, string key, string rule, Func<double, bool> ok, double? fallback = null)
    {
        if (node is null) return fallback ?? throw Error(key, null, "required; " + rule);
        return TryNumber(node, out var x) && ok(x) ? x : throw Error(key, node, rule);
    }

    public static int Integer(JsonNode? node, string key, string rule, Func<int, bool> ok, int? fallback = null)
    {
        if (node is null) return fallback ?? throw Error(key, null, "required; " + rule);
        return TryInteger(node, out var n) && ok(n) ? n : throw Error(key, node, rule);
    }

    public static bool TryInteger(JsonNode? node, out int n)
    {
        n = 0;
        if (!TryNumber(node, out var x) || x != Math.Floor(x) || x < int.MinValue || x > int.MaxValue) return false;
        n = (int)x;
        return true;
    }

    public static string String(JsonNode? node, string key, string rule, string? fallback = null)
    {
        if (node is null) return fallback ?? throw Error(key, null, "required; " + rule);
        return node is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0 ? s : throw Error(key, node, rule);
    }

    /// <summary>One of <paramref name="allowed"/>, as a string.</summary>
    public static string Choice(JsonNode? node, string key, string[] allowed, string? fallback = null)
    {
        var rule = "allowed: " + string.Join(", ", allowed);
        if (node is null) return fallback ?? throw Error(key, null, "required; " + rule);
        return node is JsonValue v && v.TryGetValue(out string? s) && allowed.Contains(s) ? s : throw Error(key, node, rule);
    }

    public static JsonArray Array(JsonNode? node, string key, string rule) =>
        node switch
        {
            null => throw Error(key, null, "required; " + rule),
            JsonArray a => a,
            _ => throw Error(key, node, rule),
        };

    /// <summary>An array of finite numbers, each satisfying <paramref name="ok"/>, of the given length if any.</summary>
    public static double[] Numbers(JsonNode? node, string key, string rule, Func<double, bool> ok, int? length = null)
    {
        var a = Array(node, key, rule);
        if (length is { } n && a.Count != n) throw Error(key, node, rule);
        var xs = new double[a.Count];
        for (var i = 0; i < xs.Length; i++)
            xs[i] = TryNumber(a[i], out var x) && ok(x) ? x : throw Error(key, node, rule);
        return xs;
    }

    /// <summary>A non-empty array of points, each an array of <paramref name="dimension"/> finite numbers.</summary>
    public static double[][] Points(JsonNode? node, string key, int dimension)
    {
        var rule = $"must be a non-empty array of points, each an array of {dimension} finite number(s) (the grid's dimension)";
        var a = Array(node, key, rule);
        if (a.Count == 0) throw Error(key, node, rule);
        return a.Select(p => Numbers(p, key, rule, _ => true, dimension)).ToArray();
    }

    /// <summary>A box: one finite [lower, upper] pair with lower &lt; upper per dimension.</summary>
    public static double[][] BoxOf(JsonNode? node, string key, int? dimension)
    {
        var dims = dimension is { } d ? $"{d}" : "1 or 2";
        var rule = $"must be {dims} pair(s) [lower, upper] of finite numbers with lower < upper";
        var a = Array(node, key, rule);
        if (dimension is { } n ? a.Count != n : a.Count is < 1 or > 2) throw Error(key, node, rule);
        var box = a.Select(p => Numbers(p, key, rule, _ => true, 2)).ToArray();
        return box.All(b => b[0] < b[1]) ? box : throw Error(key, node, rule);
    }
}
