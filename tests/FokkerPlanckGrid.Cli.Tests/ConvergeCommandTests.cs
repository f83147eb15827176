using System.Text.Json;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>`fpgrid converge`: the JSON report has the SPEC.md shape; bad input ends with exit 2 and one line naming the key.</summary>
public class ConvergeCommandTests
{
    private const string HeatCase = """
        {
          "name": "converge-heat-1d",
          "data":  { "kind": "dirac-mixture", "points": [[-1], [1]], "weights": [0.5, 0.5] },
          "grid":  { "box": [[-8, 8]], "cells": [64] },
          "time":  { "T": 1.0, "tMin": 0.1, "steps": 16 },
          "eps": 0.2,
        }
        """;

    private static string Write(TempDirectory dir, string text)
    {
        var path = dir.File("case.json");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Json_HasTheSpecShape()
    {
        using var dir = new TempDirectory();
        var json = dir.File("report.json");
        var r = Cli.Run("converge", Write(dir, HeatCase), "--levels", "3", "--json", json);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("fitted orders", r.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal("converge-heat-1d", root.GetProperty("case").GetString());
        Assert.Equal("both", root.GetProperty("refine").GetString());
        var levels = root.GetProperty("levels").EnumerateArray().ToArray();
        Assert.Equal(3, levels.Length);
        Assert.Equal([16, 32, 64], levels.Select(l => l.GetProperty("cells")[0].GetInt32()));
        Assert.Equal([4, 8, 16], levels.Select(l => l.GetProperty("steps").GetInt32()));
        foreach (var l in levels)
        {
            Assert.True(l.GetProperty("h").GetDouble() > 0);
            Assert.True(l.GetProperty("dt_max").GetDouble() > 0);
            foreach (var norm in new[] { "l1", "l2", "linf" })
                Assert.True(l.GetProperty("errors").GetProperty(norm).GetDouble() > 0);
        }
        foreach (var norm in new[] { "l1", "l2", "linf" })
            Assert.True(double.IsFinite(root.GetProperty("orders").GetProperty(norm).GetDouble()));
        Assert.Equal(["json"], dir.Files().Where(f => f != "case.json").Select(f => Path.GetExtension(f).TrimStart('.')));
    }

    [Theory]
    [InlineData("gaussian terminal, two Diracs", "terminal.kind")]
    [InlineData("one level", "--levels")]
    [InlineData("no levels", "--levels")]
    [InlineData("bad refine", "--refine")]
    [InlineData("cells not divisible", "grid.cells")]
    public void BadInput_Exit2_OneLineNamingTheKey(string row, string key)
    {
        using var dir = new TempDirectory();
        var json = dir.File("report.json");
        string heat = Write(dir, HeatCase);
        string[] args = row switch
        {
            "gaussian terminal, two Diracs" => ["converge", heat, "--levels", "2", "--set", "terminal={\"kind\": \"gaussian\", \"mean\": [0], \"variance\": 2}"],
            "one level" => ["converge", heat, "--levels", "1"],
            "no levels" => ["converge", heat],
            "bad refine" => ["converge", heat, "--levels", "2", "--refine", "sideways"],
            _ => ["converge", heat, "--levels", "2", "--set", "grid.cells=[63]"],
        };
        var r = Cli.Run([.. args, "--json", json]);
        Assert.Equal(ExitCodes.InputError, r.ExitCode);
        var line = Assert.Single(r.StderrLines);
        Assert.Contains(key, line);
        Assert.False(File.Exists(json));
    }
}
