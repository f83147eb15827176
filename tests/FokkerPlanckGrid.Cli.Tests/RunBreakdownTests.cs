using FokkerPlanckGrid.IO;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>
/// SPEC.md: a run that breaks down numerically ends with exit code 3, names the step and time, and leaves a valid
/// HDF5 file holding everything up to the last good step.
/// </summary>
public class RunBreakdownTests
{
    private const int Cells = 64, Steps = 20;
    private const double T = 1.0, TMin = 0.01, Huge = 1e308, Switch = 0.1;

    /// <summary>
    /// A Dirac at 0 on [-5, 5] with a tabulated score that is the exact one, -x/(2t), for t >= 0.1 and 1e308 below:
    /// the run is fine until the score turns huge and the transport coefficients overflow.
    /// </summary>
    private static string[] Arrange(TempDirectory dir, double huge, out string outPath) =>
        Arrange(dir, (t, x) => t < Switch ? huge : ScoreTables.DiracAtZero(t, x), out outPath);

    private static string[] Arrange(TempDirectory dir, Func<double, double, double> s, out string outPath)
    {
        var score = dir.File("score.h5");
        ScoreTables.Write(score, ScoreTables.LogSpaced(TMin, T, 30), ScoreTables.Centres(-5, 5, Cells), s);
        var casePath = dir.File("blow-up.json");
        File.WriteAllText(casePath, $$"""
            {
              "name": "blow-up",
              "data":  { "kind": "dirac-mixture", "points": [[0]] },
              "score": { "kind": "grid-file", "file": "score.h5", "dataset": "/score" },
              "grid":  { "box": [[-5, 5]], "cells": [{{Cells}}] },
              "time":  { "T": {{T}}, "tMin": {{TMin}}, "steps": {{Steps}} },
              "eps": 0.2,
              "output": { "snapshots": 11 },
            }
            """);
        outPath = dir.File("blow-up.h5");
        return ["run", casePath, "--out", outPath];
    }

    [Fact]
    public void Run_WhenTheScoreOverflows_ExitsThreeNamingStepAndTime()
    {
        using var dir = new TempDirectory();
        var r = Cli.Run(Arrange(dir, Huge, out var path));

        Assert.True(r.ExitCode == 3, $"exit {r.ExitCode}; stderr: {r.Stderr}; stdout: {r.Stdout}");
        var line = Assert.Single(r.StderrLines);
        Assert.Contains("step", line);
        Assert.Contains("t =", line);
        Assert.Contains(path, line);
        Assert.Contains("breakdown", r.Stdout);
    }

    [Fact]
    public void Run_WhenTheScoreOverflows_LeavesAValidFileWithStatusBreakdown()
    {
        using var dir = new TempDirectory();
        Assert.Equal(3, Cli.Run(Arrange(dir, Huge, out var path)).ExitCode);

        Assert.Equal("breakdown", RunFileAssert.Status(path));
        RunFileAssert.NoTemporaries(path);
        Assert.Equal(["blow-up.h5", "blow-up.json", "score.h5"], dir.Files());
        Assert.Equal(Cells, Hdf5Reader.ReadShape(path, Hdf5Layout.GridX)[0]);
        Assert.Contains("blow-up", Hdf5Reader.ReadAttributeString(path, "/", Hdf5Layout.AttrCase));
    }

    [Fact]
    public void Run_WhenTheScoreOverflows_KeepsTheLevelsUpToTheLastGoodStepOnly()
    {
        using var dir = new TempDirectory();
        var r = Cli.Run(Arrange(dir, Huge, out var path));
        Assert.Equal(3, r.ExitCode);

        var t = Hdf5Reader.ReadDoubles(path, Hdf5Layout.DiagnosticsT).Data;
        Assert.InRange(t.Length, 2, Steps); // fewer than steps + 1 levels, and more than v_T alone
        // the failing step is the first one whose time lies where the table is huge; every kept level is before it
        var times = Enumerable.Range(0, Steps + 1).Select(n => T * Math.Pow(TMin / T, (double)n / Steps)).ToArray();
        for (int n = 0; n < t.Length; n++) Assert.Equal(times[n], t[n], 1e-12);
        Assert.True(t[^1] > Switch * 0.9, $"last good level t = {t[^1]}");
        Assert.Contains($"step {t.Length} ", r.Stderr); // levels 0..step-1 are the good ones
        Assert.Contains($"up to step {t.Length - 1}", r.Stderr);
        Assert.All(new[] { Hdf5Layout.DiagnosticsMass, Hdf5Layout.DiagnosticsMin },
            d => Assert.Equal([t.Length], Hdf5Reader.ReadShape(path, d)));
        Assert.True(RunFileAssert.RelativeMassDrift(path) <= 1e-12);
    }

    [Fact]
    public void Run_WhenTheScoreOverflows_KeepsOnlyTheSnapshotsBeforeTheBreakdown()
    {
        using var dir = new TempDirectory();
        Assert.Equal(3, Cli.Run(Arrange(dir, Huge, out var path)).ExitCode);

        var t = Hdf5Reader.ReadDoubles(path, Hdf5Layout.DiagnosticsT).Data;
        var snapshotT = Hdf5Reader.ReadDoubles(path, Hdf5Layout.SnapshotsT).Data;
        // 11 snapshots over 20 steps: every second level; the good ones are levels 0, 2, .. < t.Length
        int expected = (t.Length + 1) / 2;
        Assert.Equal(expected, snapshotT.Length);
        for (int s = 0; s < expected; s++) Assert.Equal(t[2 * s], snapshotT[s]);
        foreach (var field in new[] { Hdf5Layout.SnapshotsV, Hdf5Layout.SnapshotsU, Hdf5Layout.SnapshotsScoreX })
            Assert.Equal([expected, Cells], Hdf5Reader.ReadShape(path, field));
        var v = Hdf5Reader.ReadDoubles(path, Hdf5Layout.SnapshotsV).Data;
        Assert.All(v, x => Assert.True(double.IsFinite(x) && x >= 0));
        var last = Hdf5Reader.ReadSlice(path, Hdf5Layout.SnapshotsV, expected - 1).Data;
        var mass = Hdf5Reader.ReadDoubles(path, Hdf5Layout.DiagnosticsMass).Data;
        Assert.Equal(mass[0], last.Sum() * 10.0 / Cells, 1e-12);
    }

    [Fact]
    public void Run_WithTheSameTableButSaneValues_Completes()
    {
        // the control: the same case and table layout with the exact score everywhere runs to t_min
        using var dir = new TempDirectory();
        var r = Cli.Run(Arrange(dir, ScoreTables.DiracAtZero, out var path));

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("complete", RunFileAssert.Status(path));
        Assert.Equal([Steps + 1], Hdf5Reader.ReadShape(path, Hdf5Layout.DiagnosticsT));
    }
}
