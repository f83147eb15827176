using System.Text.Json;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>
/// Bad input to the particle study kinds of `fpgrid validate` (figure2-sde, figure3, theorem-3-11, mixing, monte-carlo):
/// exit 2, one line naming the study file and the key, nothing written.
/// </summary>
public class ParticleStudyInputTests
{
    private static string Study(string kind, string cases, string parameters, string measure) => $$"""
        { "kind": "{{kind}}", "title": "t", "reproduces": "r", "paper": "p", "cases": {{cases}},
          "parameters": {{parameters}}, "expect": [ { "measure": "{{measure}}", "max": 1, "says": "s" } ] }
        """;

    private static string Case(string name) => JsonSerializer.Serialize(Repo.File($"validation/cases/{name}.json"));

    [Theory]
    [InlineData("figure3", "particles-2d-prior", "{}", "axis_offset", "cases[0] = ", "eps = 0")]
    [InlineData("figure3", "figure3", "{\"startCounts\": [9]}", "axis_offset", "parameters.startCounts", "two integers")]
    [InlineData("figure2-sde", "figure2-sde", "{\"tMins\": [0.1, 0.01]}", "true_q95_ratio", "parameters.tMins", "the smallest must be the case's t_min")]
    [InlineData("figure2-sde", "figure2-sde", "{\"tMins\": [0.3, 0.001]}", "true_q95_ratio", "parameters.tMins", "levels of a geometric time grid")]
    [InlineData("figure2-sde", "figure2-sde", "{\"blocks\": 3}", "true_q95_ratio", "parameters.blocks", "even integer")]
    [InlineData("theorem-3-11", "particles-1d", "{}", "hull_bound_excess", "cases[0] = ", "eps = 0")]
    [InlineData("mixing", "P1a", "{}", "grid_near_minima", "cases[0] = ", "score.kind = mixed")]
    [InlineData("mixing", "mixing-1d", "{\"steps\": 7}", "grid_near_minima", "parameters.steps", "even integer")]
    [InlineData("monte-carlo", "figure3-particles", "{}", "distance_ratio", "cases[0] = ", "drawn from v_T")]
    [InlineData("monte-carlo", "particles-ou-2d", "{}", "distance_ratio", "forward", "heat-flow cases")]
    [InlineData("theorem-3-11", "particles-ou-2d", "{}", "hull_bound_excess", "forward", "heat-flow cases")]
    [InlineData("figure3", "particles-ou-2d", "{}", "axis_offset", "forward", "heat-flow cases")]
    public void ParticleStudy_WithBadInput_ExitsTwo_NamingTheKey(string kind, string caseName, string parameters, string measure,
        string key, string rule)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("study.json"), Study(kind, $"[{Case(caseName)}]", parameters, measure));
        var result = Cli.Run("validate", dir.File("study.json"), "--out", dir.File("out"));
        Assert.Equal(ExitCodes.InputError, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: " + dir.File("study.json") + ": ", line);
        Assert.Contains(key, line);
        Assert.Contains(rule, line);
        Assert.False(Directory.Exists(dir.File("out")), "the output folder was created");
    }
}
