using System.Text;
using System.Text.Json.Nodes;
using FokkerPlanckGrid.Cases;

namespace FokkerPlanckGrid.IO.CaseFiles;

/// <summary>
/// A resolved <see cref="Case"/> as case-file JSON with every default written out. Loaded tables (sample points,
/// score and terminal values read from HDF5) are not written: the file reference stands for them.
/// </summary>
internal static class CaseWriter
{
    public static string Write(Case c)
    {
        var root = new JsonObject
        {
            ["name"] = c.Name,
            ["data"] = Data(c.Data),
            ["score"] = Score(c.Score),
            ["terminal"] = Terminal(c.Terminal),
            ["grid"] = new JsonObject { ["box"] = Matrix(c.Grid.Box), ["cells"] = Array(c.Grid.Cells) },
            ["time"] = new JsonObject
            {
                ["T"] = c.Time.T,
                ["tMin"] = c.Time.TMin,
                ["steps"] = c.Time.Steps,
                ["spacing"] = CaseNames.Of(c.Time.Spacing),
                ["courant"] = c.Time.Courant,
            },
            ["eps"] = c.Eps,
            ["forward"] = CaseNames.Of(c.Forward),
            ["scheme"] = new JsonObject
            {
                ["transport"] = CaseNames.Of(c.Scheme.Transport),
                ["splitting"] = CaseNames.Of(c.Scheme.Splitting),
            },
            ["output"] = new JsonObject
            {
                ["path"] = c.Output.Path,
                ["snapshots"] = c.Output.Snapshots,
                ["fields"] = new JsonArray(c.Output.Fields.Select(f => (JsonNode?)f).ToArray()),
            },
            ["diagnostics"] = new JsonObject
            {
                ["p"] = new JsonArray(c.Diagnostics.P
                    .Select(p => double.IsPositiveInfinity(p) ? (JsonNode?)"inf" : p).ToArray()),
                ["deltas"] = Array(c.Diagnostics.Deltas),
            },
        };
        if (c.Particles is { } p)
        {
            root["particles"] = new JsonObject
            {
                ["count"] = p.Count,
                ["seed"] = p.Seed,
                ["start"] = p.StartPoints is null ? "terminal" : new JsonObject { ["points"] = Matrix(p.StartPoints) },
                ["method"] = p.Method,
                ["steps"] = p.Steps,
                ["store"] = p.Store,
            };
        }
        var text = new StringBuilder();
        Format(text, root, 0);
        return text.Append('\n').ToString();
    }

    private static JsonObject Data(DataSpec data) => data switch
    {
        DiracMixtureSpec d => new() { ["kind"] = d.Kind, ["points"] = Matrix(d.Points), ["weights"] = Array(d.Weights) },
        GaussianMixtureSpec g => new()
        {
            ["kind"] = g.Kind,
            ["means"] = Matrix(g.Means),
            ["covariances"] = new JsonArray(g.Covariances.Select(m => (JsonNode?)Matrix(m)).ToArray()),
            ["weights"] = Array(g.Weights),
        },
        UniformBoxSpec u => new() { ["kind"] = u.Kind, ["box"] = Matrix(u.Box) },
        CurveSpec c => new()
        {
            ["kind"] = c.Kind, ["shape"] = c.Shape, ["scale"] = c.Scale, ["nodes"] = c.Nodes, ["center"] = Array(c.Center),
        },
        SamplesSpec { From: { } from } s => new()
        {
            ["kind"] = s.Kind, ["from"] = Data(from), ["count"] = s.Count, ["seed"] = s.Seed,
        },
        SamplesSpec s => new()
        {
            ["kind"] = s.Kind, ["file"] = s.File, ["dataset"] = s.Dataset, ["count"] = s.Count, ["seed"] = s.Seed,
        },
        _ => throw new ArgumentException($"unknown data kind {data.Kind}", nameof(data)),
    };

    private static JsonObject Score(ScoreSpec score) => score switch
    {
        ExactScoreSpec e => new() { ["kind"] = e.Kind },
        MixedScoreSpec m => new()
        {
            ["kind"] = m.Kind, ["lambda"] = m.Lambda, ["first"] = Data(m.First), ["second"] = Data(m.Second),
        },
        GridFileScoreSpec f => new() { ["kind"] = f.Kind, ["file"] = f.File, ["dataset"] = f.Dataset },
        _ => throw new ArgumentException($"unknown score kind {score.Kind}", nameof(score)),
    };

    private static JsonObject Terminal(TerminalSpec terminal) => terminal switch
    {
        HeatTerminalSpec h => new() { ["kind"] = h.Kind },
        GaussianTerminalSpec g => new() { ["kind"] = g.Kind, ["mean"] = Array(g.Mean), ["variance"] = g.Variance },
        FileTerminalSpec f => new() { ["kind"] = f.Kind, ["file"] = f.File, ["dataset"] = f.Dataset },
        _ => throw new ArgumentException($"unknown terminal kind {terminal.Kind}", nameof(terminal)),
    };

    private static JsonArray Array(double[] xs) => new(xs.Select(x => (JsonNode?)x).ToArray());

    private static JsonArray Array(int[] xs) => new(xs.Select(x => (JsonNode?)x).ToArray());

    private static JsonArray Matrix(double[][] rows) => new(rows.Select(r => (JsonNode?)Array(r)).ToArray());

    /// <summary>Objects one key a line, indented by two; arrays without objects inside stay on one line.</summary>
    private static void Format(StringBuilder text, JsonNode? node, int indent)
    {
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                text.Append("{\n");
                var i = 0;
                foreach (var (key, value) in o)
                {
                    text.Append(' ', indent + 2).Append(JsonValue.Create(key).ToJsonString(CaseJson.Compact)).Append(": ");
                    Format(text, value, indent + 2);
                    text.Append(++i < o.Count ? ",\n" : "\n");
                }
                text.Append(' ', indent).Append('}');
                break;
            case JsonArray a when a.Any(x => x is JsonObject):
                text.Append("[\n");
                for (var k = 0; k < a.Count; k++)
                {
                    text.Append(' ', indent + 2);
                    Format(text, a[k], indent + 2);
                    text.Append(k + 1 < a.Count ? ",\n" : "\n");
                }
                text.Append(' ', indent).Append(']');
                break;
            default:
                text.Append(node is null ? "null" : node.ToJsonString(CaseJson.Compact));
                break;
        }
    }
}
