namespace FokkerPlanckGrid.Cases;

/// <summary>
/// Bad input, reported as one line naming the case key, the value and what is allowed
/// (the CLI turns it into exit code 2 and writes nothing).
/// </summary>
public sealed class CaseInputException(string key, string value, string allowed)
    : Exception($"{key} = {value}: {allowed}")
{
    /// <summary>Dotted path of the offending key, e.g. `grid.cells`.</summary>
    public string Key { get; } = key;

    public string Value { get; } = value;
    public string Allowed { get; } = allowed;
}
