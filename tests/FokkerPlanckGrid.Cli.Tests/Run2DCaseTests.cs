using FokkerPlanckGrid.IO;

namespace FokkerPlanckGrid.Cli.Tests;

public class Run2DCaseTests
{
    /// <summary>Two Diracs at (+-1, 0) on [-5, 5]^2, 16 x 16 cells, T = 1 down to 0.02 in 10 steps, eps = 0.2.</summary>
    public static string TwoDiracs2D(string splitting, string transport) => $$"""
        // two Diracs, small 2D grid
        {
          "name": "two-diracs-2d",
          "data":     { "kind": "dirac-mixture", "points": [[-1, 0], [1, 0]], "weights": [0.5, 0.5] },
          "score":    { "kind": "exact" },
          "terminal": { "kind": "heat" },
          "grid":     { "box": [[-5, 5], [-5, 5]], "cells": [16, 16] },
          "time":     { "T": 1.0, "tMin": 0.02, "steps": 10 },
          "eps": 0.2,
          "scheme":   { "transport": "{{transport}}", "splitting": "{{splitting}}" },
          "output":   { "snapshots": 6 },
        }
        """;

    [Theory]
    [InlineData("lie", "upwind")]
    [InlineData("lie", "scharfetter-gummel")]
    [InlineData("strang", "upwind")]
    [InlineData("strang", "scharfetter-gummel")]
    [InlineData("none", "upwind")]
    [InlineData("none", "scharfetter-gummel")]
    public void Run_With2DCaseFile_WritesSnapshotsOfShapeSBy16By16AndConservesMass(string splitting, string transport)
    {
        using var dir = new TempDirectory();
        var casePath = dir.File("two-diracs-2d.json");
        File.WriteAllText(casePath, TwoDiracs2D(splitting, transport));
        var path = dir.File("two-diracs-2d.h5");

        var r = Cli.Run("run", casePath, "--out", path);

        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Equal("complete", RunFileAssert.Status(path));
        RunFileAssert.NoTemporaries(path);
        Assert.Equal([6], Hdf5Reader.ReadShape(path, Hdf5Layout.SnapshotsT));
        Assert.Equal([6, 16, 16], Hdf5Reader.ReadShape(path, Hdf5Layout.SnapshotsV));
        Assert.Equal([6, 16, 16], Hdf5Reader.ReadShape(path, Hdf5Layout.SnapshotsScoreY));
        Assert.Equal([16], Hdf5Reader.ReadShape(path, Hdf5Layout.GridY));
        Assert.Equal([11], Hdf5Reader.ReadShape(path, Hdf5Layout.DiagnosticsT));
        Assert.Equal(2.0, Hdf5Reader.ReadAttributeDouble(path, "/", Hdf5Layout.AttrDimension));
        // the unsplit scheme is solved iteratively: its mass is exact to the solver tolerance, not to round-off
        double bound = splitting == "none" ? 1e-10 : 1e-12;
        double drift = RunFileAssert.RelativeMassDrift(path);
        Assert.True(drift <= bound, $"mass drift {drift:G3} > {bound:G1}");
        Assert.Contains($"{splitting} splitting", r.Stdout);
    }
}
