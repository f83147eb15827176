using System.Globalization;
using System.Text.RegularExpressions;
using FokkerPlanckGrid.IO;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>
/// `score.kind = grid-file` with a correct table: the exact score of a Dirac at 0, s = -x/(2t), at 30 log-spaced
/// times covering [t_min, T]. In space the solver's face values (mean of the two centres) are exact for a score
/// linear in x; in time the table is linear in log t, so the only difference from the exact score is that
/// interpolation error (about (dlog t)^2 / 8 relative between nodes).
/// </summary>
public partial class RunTabulatedScoreTests
{
    private const int Cells = 128, Steps = 40, TableTimes = 30;
    private const double Lower = -6, Upper = 6, T = 1.0, TMin = 0.1;

    private static string Case(string score) => $$"""
        {
          "name": "dirac-at-zero",
          "data":     { "kind": "dirac-mixture", "points": [[0]] },
          "score":    {{score}},
          "terminal": { "kind": "heat" },
          "grid":     { "box": [[{{Lower}}, {{Upper}}]], "cells": [{{Cells}}] },
          "time":     { "T": {{T}}, "tMin": {{TMin}}, "steps": {{Steps}} },
          "eps": 0.2,
          "output":   { "snapshots": 5, "fields": ["v"] },
        }
        """;

    private static (CliResult Result, string Path) RunCase(TempDirectory dir, string name, string score)
    {
        var casePath = dir.File(name + ".json");
        File.WriteAllText(casePath, Case(score));
        var outPath = dir.File(name + ".h5");
        return (Cli.Run("run", casePath, "--out", outPath), outPath);
    }

    private static (CliResult Result, string Path) RunTabulated(TempDirectory dir)
    {
        ScoreTables.Write(dir.File("score.h5"), ScoreTables.LogSpaced(TMin, T, TableTimes),
            ScoreTables.Centres(Lower, Upper, Cells), ScoreTables.DiracAtZero);
        return RunCase(dir, "tabulated", """{ "kind": "grid-file", "file": "score.h5", "dataset": "/score" }""");
    }

    private static (CliResult Result, string Path) RunExact(TempDirectory dir) =>
        RunCase(dir, "exact", """{ "kind": "exact" }""");

    [GeneratedRegex(@"rel\. L1 error vs u\(t_min\)\D*?(\d\.\d+e[+-]\d+)")]
    private static partial Regex RelativeL1Row();

    /// <summary>The relative L1 error at t_min from the summary table.</summary>
    private static double PrintedRelativeL1(CliResult r)
    {
        var m = RelativeL1Row().Match(r.Stdout);
        Assert.True(m.Success, "no relative L1 row in:\n" + r.Stdout);
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static double[] FinalV(string path)
    {
        int s = Hdf5Reader.ReadShape(path, Hdf5Layout.SnapshotsV)[0];
        return Hdf5Reader.ReadSlice(path, Hdf5Layout.SnapshotsV, s - 1).Data;
    }

    [Fact]
    public void Run_WithAnExactScoreTable_CompletesAndPrintsASmallRelativeL1Error()
    {
        using var dir = new TempDirectory();
        var (r, path) = RunTabulated(dir);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("complete", RunFileAssert.Status(path));
        Assert.True(RunFileAssert.RelativeMassDrift(path) <= 1e-12);
        // first-order upwind and backward Euler, 128 cells, 40 steps: the exact score gives about 0.068
        double err = PrintedRelativeL1(r);
        Assert.True(err < 0.1, $"relative L1 error {err}");
    }

    [Fact]
    public void Run_WithAnExactScoreTable_DiffersFromTheExactScoreByTheTabulationErrorOnly()
    {
        using var dir = new TempDirectory();
        var (tab, tabPath) = RunTabulated(dir);
        var (exact, exactPath) = RunExact(dir);
        Assert.True(tab.ExitCode == 0 && exact.ExitCode == 0, tab.Stderr + exact.Stderr);

        var vTab = FinalV(tabPath);
        var vExact = FinalV(exactPath);
        double diff = vTab.Zip(vExact, (a, b) => Math.Abs(a - b)).Sum() / vExact.Sum();
        // far below the discretisation error, yet not zero: the table is interpolated in log t
        double errExact = PrintedRelativeL1(exact), errTab = PrintedRelativeL1(tab);
        Assert.True(diff < 0.1 * errExact, $"tabulated vs exact: {diff:G3}; discretisation error {errExact:G3}");
        Assert.True(diff > 0, "the tabulated run reproduced the exact run bit for bit");
        // the printed errors differ by at most the fields' difference (triangle inequality, printed to 5 digits)
        Assert.True(Math.Abs(errTab - errExact) <= diff * 1.01 + 1e-4 * errExact,
            $"printed errors {errTab:G5} (tabulated) and {errExact:G5} (exact) differ by more than {diff:G3}");
    }
}
