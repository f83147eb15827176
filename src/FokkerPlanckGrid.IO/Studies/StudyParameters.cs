using System.Text.Json.Nodes;
using FokkerPlanckGrid.Cases;
using static FokkerPlanckGrid.IO.CaseFiles.CaseJson;

namespace FokkerPlanckGrid.IO.Studies;

/// <summary>
/// The `parameters` block of a study file: typed reads for the study kinds, each failing with a
/// <see cref="CaseInputException"/> that names the key (`parameters.times`), shows the value and states the rule.
/// A kind calls <see cref="AllowOnly"/> with the keys it knows, so that a typo is an error, not a silent default.
/// </summary>
public sealed class StudyParameters
{
    private readonly JsonObject _values;

    /// <param name="values">the merged parameters object (not modified)</param>
    public StudyParameters(JsonObject values) => _values = values;

    /// <summary>Rejects every key not in <paramref name="keys"/>.</summary>
    public void AllowOnly(params string[] keys) => AllowKeys(_values, "parameters", keys);

    /// <summary>True when the key is present.</summary>
    public bool Has(string key) => _values[key] is not null;

    /// <summary>A finite number satisfying <paramref name="ok"/> (described by <paramref name="rule"/>), or the fallback when absent.</summary>
    public double Number(string key, string rule, Func<double, bool> ok, double fallback) =>
        CaseFiles.CaseJson.Number(_values[key], Key(key), rule, ok, fallback);

    /// <summary>An integer satisfying <paramref name="ok"/>, or the fallback when absent.</summary>
    public int Integer(string key, string rule, Func<int, bool> ok, int fallback) =>
        CaseFiles.CaseJson.Integer(_values[key], Key(key), rule, ok, fallback);

    /// <summary>A non-empty array of finite numbers, each satisfying <paramref name="ok"/>, or the fallback when absent.</summary>
    public double[] Numbers(string key, string rule, Func<double, bool> ok, double[] fallback)
    {
        if (_values[key] is not { } node) return fallback;
        var xs = CaseFiles.CaseJson.Numbers(node, Key(key), rule, ok);
        return xs.Length > 0 ? xs : throw Error(Key(key), node, rule);
    }

    /// <summary>Exponents p &gt;= 1 or "inf", as in a case's diagnostics.p; the fallback when absent.</summary>
    public double[] Exponents(string key, double[] fallback)
    {
        if (_values[key] is not { } node) return fallback;
        const string rule = "must be a non-empty array of numbers >= 1 or \"inf\"";
        var a = Array(node, Key(key), rule);
        if (a.Count == 0) throw Error(Key(key), node, rule);
        return a.Select(x =>
            x is JsonValue v && v.TryGetValue(out string? s) && s == "inf" ? double.PositiveInfinity
            : TryNumber(x, out var y) && y >= 1 ? y
            : throw Error(Key(key), node, rule)).ToArray();
    }

    /// <summary>A non-empty array of points of <paramref name="dimension"/> coordinates, or the fallback when absent.</summary>
    public double[][] Points(string key, int dimension, double[][] fallback) =>
        _values[key] is { } node ? CaseFiles.CaseJson.Points(node, Key(key), dimension) : fallback;

    /// <summary>The dotted key as error messages name it.</summary>
    public static string Key(string key) => "parameters." + key;
}
