using System.Text.RegularExpressions;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>
/// `fpgrid validate` end to end: every study of validation/studies at toy size passes and writes its figures; an
/// expectation the run cannot meet fails it (exit 1); bad study files stop everything before anything is written (exit 2).
/// </summary>
public class ValidateCommandTests
{
    /// <summary>The repository's validation folder, found upwards from the test binaries.</summary>
    private static readonly string Validation = FindValidation();

    public static TheoryData<string> Studies() =>
        new(Directory.GetFiles(Path.Combine(Validation, "studies"), "*.json").Select(Path.GetFileName).Order().OfType<string>());

    [Theory]
    [MemberData(nameof(Studies))]
    public void Validate_EachStudyAtToySize_PassesEveryExpectation_AndWritesItsFigures(string study)
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("validate", Path.Combine(Validation, "studies", study), "--size", "toy", "--out", dir.Path);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Stdout + result.Stderr);
        var report = File.ReadAllText(dir.File("report.md"));
        Assert.Contains("**all PASS**", report);
        Assert.DoesNotContain("FAIL", report);
        var figures = Regex.Matches(report, @"!\[[^\]]*\]\(([^)]+\.png)\)").Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(figures);
        foreach (var png in figures)
        {
            var bytes = File.ReadAllBytes(dir.File(png));
            Assert.True(bytes.Length > 10_000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', $"{png} is not a PNG figure");
        }
        Assert.DoesNotContain(dir.Files(), f => f.EndsWith(".tmp", StringComparison.Ordinal) || f.Contains(".tmp."));
        Assert.Contains("fpgrid validate", result.Stdout);   // the summary table
    }

    private const string SmallCase = """
        { "name": "five", "data": { "kind": "dirac-mixture", "points": [[0, 0], [2, 1], [-1.8, 1.4], [-1.2, -1.9], [1.6, -1.5]] },
          "grid": { "box": [[-5, 5], [-5, 5]], "cells": [48, 48] }, "time": { "T": 1, "tMin": 0.03, "steps": 16 }, "eps": 0.2 }
        """;

    private static string Study(string measure, string bound) => $$"""
        { "kind": "figure4-cores", "title": "cores", "reproduces": "Figure 4", "paper": "cores grow to the Voronoi cells",
          "case": {{SmallCase}},
          "parameters": { "times": [0.3, 0.1, 0.03], "sampling": 64 },
          "expect": [ { "measure": "sandwich_violations", "max": 0, "says": "exact" },
                      { "measure": "{{measure}}", {{bound}}, "says": "cannot hold" } ] }
        """;

    [Fact]
    public void Validate_WithAnExpectationTheRunCannotMeet_FailsIt_AndExitsOne()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("study.json"), Study("uncovered_smallest_t", "\"max\": 1e-6"));
        var result = Cli.Run("validate", dir.File("study.json"), "--out", dir.File("out"));
        Assert.True(result.ExitCode == ExitCodes.CheckFailed, result.Stdout + result.Stderr);
        var report = File.ReadAllText(dir.File("out/report.md"));
        Assert.Contains("| **FAIL** | `uncovered_smallest_t` |", report);
        Assert.Contains("| PASS | `sandwich_violations` |", report);
        Assert.Contains("**1 FAIL**", report);
        Assert.Contains("FAIL study: uncovered_smallest_t", result.Stdout);
    }

    [Theory]
    [InlineData("no_such_measure", "\"max\": 1", "expect[1].measure = no_such_measure: figure4-cores measures: ")]
    [InlineData("uncovered_order", "\"maximum\": 1", "expect[1].maximum")]
    public void Validate_WithABadStudyFile_ExitsTwo_NamesTheKey_AndWritesNothing(string measure, string bound, string message)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("study.json"), Study(measure, bound));
        var result = Cli.Run("validate", dir.File("study.json"), "--out", dir.File("out"));
        Assert.Equal(ExitCodes.InputError, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: " + dir.File("study.json") + ": ", line);
        Assert.Contains(message, line);
        Assert.False(Directory.Exists(dir.File("out")), "the output folder was created");
    }

    [Fact]
    public void Validate_WithAnUnknownKindOrParameter_ExitsTwo()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("kind.json"), Study("uncovered_order", "\"max\": 2").Replace("\"figure4-cores\"", "\"figure5\""));
        var kind = Cli.Run("validate", dir.File("kind.json"), "--out", dir.File("out"));
        Assert.Equal(ExitCodes.InputError, kind.ExitCode);
        Assert.Contains("kind = figure5: allowed: figure1, figure2-grid, figure2-sde, figure3, figure4-cores", kind.Stderr);
        File.WriteAllText(dir.File("parameter.json"), Study("uncovered_order", "\"max\": 2").Replace("\"sampling\"", "\"samples\""));
        var parameter = Cli.Run("validate", dir.File("parameter.json"), "--out", dir.File("out"));
        Assert.Equal(ExitCodes.InputError, parameter.ExitCode);
        Assert.Contains("parameters.samples", parameter.Stderr);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Theory]
    [InlineData("--size", "huge")]
    [InlineData("no-such-folder")]
    public void Validate_WithBadArguments_ExitsTwo(params string[] args)
    {
        using var dir = new TempDirectory();
        var result = Cli.Run(["validate", .. args, "--out", dir.File("out")]);
        Assert.Equal(ExitCodes.InputError, result.ExitCode);
        Assert.Single(result.StderrLines);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    private static string FindValidation()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "validation");
            if (Directory.Exists(Path.Combine(candidate, "studies"))) return candidate;
        }
        throw new DirectoryNotFoundException("validation/studies not found above " + AppContext.BaseDirectory);
    }
}
