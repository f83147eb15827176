using System.Text.Json;
using System.Text.Json.Nodes;
using FokkerPlanckGrid.Cases;

namespace FokkerPlanckGrid.IO.CaseFiles;

/// <summary>
/// `--set key=value` on the JSON tree, before it is mapped: the key is a dotted path (missing intermediate objects are
/// created), the value is JSON if it parses as JSON and a plain string otherwise; a JSON null removes the key.
/// </summary>
internal static class CaseOverrides
{
    private const string Form = "expected key=value with a dotted key, e.g. grid.cells=[2048] or output.path=out.h5";

    public static JsonObject Apply(JsonObject root, IEnumerable<string> overrides)
    {
        foreach (var text in overrides) Apply(root, text);
        return root;
    }

    private static void Apply(JsonObject root, string text)
    {
        var eq = text.IndexOf('=');
        if (eq < 0) throw Malformed(text);
        var key = text[..eq].Trim();
        var path = key.Split('.');
        if (key.Length == 0 || path.Any(p => p.Length == 0)) throw Malformed(text);

        var target = root;
        for (var i = 0; i < path.Length - 1; i++)
        {
            switch (target[path[i]])
            {
                case JsonObject child:
                    target = child;
                    break;
                case null:
                    var created = new JsonObject();
                    target[path[i]] = created;
                    target = created;
                    break;
                case var other:
                    var prefix = string.Join('.', path.Take(i + 1));
                    throw new CaseInputException(prefix, CaseJson.Show(other),
                        $"--set {key}=... needs {prefix} to be an object");
            }
        }

        var value = ParseValue(text[(eq + 1)..]);
        if (value is null) target.Remove(path[^1]);
        else target[path[^1]] = value;
    }

    private static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: CaseJson.DocumentOptions);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static CaseInputException Malformed(string text) =>
        new("--set", CaseJson.Show(JsonValue.Create(text)), Form);
}
