using SkiaSharp;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>
/// `fpgrid plot FILE.h5 [--out DIR]`: figures of tiny 1D and 2D runs are written as valid, non-blank PNGs, one per
/// line on stdout; a missing file or a file that is not a run file is an input error (exit 2, one line).
/// </summary>
public class PlotCommandTests
{
    private static string Run1D(TempDirectory dir)
    {
        var path = dir.File("tiny-1d.h5");
        var r = Cli.Run("run", "--out", path, "--set", "grid.cells=[64]", "--set", "time.steps=10",
            "--set", "output.snapshots=5");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        return path;
    }

    /// <summary>A 16 x 16 two-Dirac run through `verify`, so the file has every /diagnostics series.</summary>
    private static string Verify2D(TempDirectory dir)
    {
        var casePath = dir.File("tiny-2d.json");
        File.WriteAllText(casePath, Run2DCaseTests.TwoDiracs2D("lie", "upwind"));
        var path = dir.File("tiny-2d.h5");
        var r = Cli.Run("verify", casePath, "--out", path);
        Assert.True(r.ExitCode is 0 or 1, r.Stderr + r.Stdout);   // a check may fail at this size; the file is whole
        return path;
    }

    /// <summary>Figures name the law v is compared with: u(t) for the heat flow, w(t) for an OU case.</summary>
    [Fact]
    public void RunFile_NamesTheComparedLaw_ByTheCasesForwardProcess()
    {
        using var dir = new TempDirectory();
        var heat = Run1D(dir);
        var ou = dir.File("tiny-ou.h5");
        var r = Cli.Run("run", "--out", ou, "--set", "grid.cells=[64]", "--set", "time.steps=10", "--set", "forward=ou");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Equal(("u", false), (Plotting.RunFile.Open(heat).Law, Plotting.RunFile.Open(heat).OrnsteinUhlenbeck));
        var opened = Plotting.RunFile.Open(ou);
        Assert.Equal(("w", true), (opened.Law, opened.OrnsteinUhlenbeck));
        Assert.Contains("OU law", opened.LawDescription);
    }

    private static string[] Written(CliResult r) =>
        r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Plot_Of1DRun_WritesDensityScoreAndMassFiguresAsNonBlankPngs()
    {
        using var dir = new TempDirectory();
        var h5 = Run1D(dir);
        var outDir = dir.File("figures");

        var r = Cli.Run("plot", h5, "--out", outDir);

        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var pngs = Written(r);
        Assert.Equal(["tiny-1d-density.png", "tiny-1d-score.png", "tiny-1d-mass.png"], pngs.Select(Path.GetFileName));
        foreach (var png in pngs)
        {
            Assert.Equal(outDir, Path.GetDirectoryName(png));
            PngAssert.ValidAndNotBlank(png);
        }
    }

    [Fact]
    public void Plot_Of2DVerifyRun_WritesHeatmapsAndEveryDiagnosticFigure()
    {
        using var dir = new TempDirectory();
        var h5 = Verify2D(dir);

        var r = Cli.Run("plot", h5, "--out", dir.File("figures"));

        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var pngs = Written(r);
        Assert.Equal(
            ["tiny-2d-density.png", "tiny-2d-mass.png", "tiny-2d-lp-norms.png", "tiny-2d-kl.png", "tiny-2d-liyau.png",
             "tiny-2d-concentration.png"],
            pngs.Select(Path.GetFileName));
        foreach (var png in pngs) PngAssert.ValidAndNotBlank(png);
    }

    [Fact]
    public void Plot_WithoutOut_WritesBesideTheFileInFileNameDashPlots()
    {
        using var dir = new TempDirectory();
        var h5 = Run1D(dir);

        var r = Cli.Run("plot", h5);

        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.All(Written(r), png => Assert.Equal(dir.File("tiny-1d-plots"), Path.GetDirectoryName(png)));
        Assert.Contains(Path.Combine("tiny-1d-plots", "tiny-1d-density.png"), dir.Files());
    }

    [Fact]
    public void Plot_OfMissingFile_ExitsTwoWithOneLineAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var r = Cli.Run("plot", dir.File("absent.h5"), "--out", dir.File("figures"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("absent.h5", Assert.Single(r.StderrLines));
        Assert.Empty(dir.Files());
    }

    [Fact]
    public void Plot_OfAFileThatIsNotHdf5_ExitsTwoWithOneLine()
    {
        using var dir = new TempDirectory();
        var bogus = dir.File("case.h5");
        File.WriteAllText(bogus, """{ "name": "not an HDF5 file" }""");

        var r = Cli.Run("plot", bogus, "--out", dir.File("figures"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not an HDF5 file", Assert.Single(r.StderrLines));
        Assert.False(Directory.Exists(dir.File("figures")));
    }

    [Fact]
    public void Plot_OfAnHdf5FileThatIsNotARunFile_ExitsTwoWithOneLine()
    {
        using var dir = new TempDirectory();
        var score = dir.File("score.h5");
        ScoreTables.Write(score, ScoreTables.LogSpaced(0.1, 1, 4), ScoreTables.Centres(-5, 5, 8), ScoreTables.DiracAtZero);

        var r = Cli.Run("plot", score, "--out", dir.File("figures"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a FokkerPlanckGrid run file", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Plot_OfABreakdownFile_PlotsWhatItHolds()
    {
        using var dir = new TempDirectory();
        // the exact score -x/(2t) of a Dirac at 0 down to t = 0.1, then 1e308: the transport overflows there
        var score = dir.File("score.h5");
        ScoreTables.Write(score, ScoreTables.LogSpaced(0.01, 1, 30), ScoreTables.Centres(-5, 5, 64),
            (t, x) => t < 0.1 ? 1e308 : ScoreTables.DiracAtZero(t, x));
        var casePath = dir.File("blow-up.json");
        File.WriteAllText(casePath, """
            {
              "name": "blow-up",
              "data":  { "kind": "dirac-mixture", "points": [[0]] },
              "score": { "kind": "grid-file", "file": "score.h5", "dataset": "/score" },
              "grid":  { "box": [[-5, 5]], "cells": [64] },
              "time":  { "T": 1, "tMin": 0.01, "steps": 20 },
              "output": { "snapshots": 11 },
            }
            """);
        var h5 = dir.File("blow-up.h5");
        Assert.Equal(3, Cli.Run("run", casePath, "--out", h5).ExitCode);

        var r = Cli.Run("plot", h5, "--out", dir.File("figures"));

        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var pngs = Written(r);
        Assert.Contains(pngs, p => p.EndsWith("blow-up-density.png", StringComparison.Ordinal));
        foreach (var png in pngs) PngAssert.ValidAndNotBlank(png);
    }
}

/// <summary>Checks on a written PNG: the signature bytes, that it decodes, and that it is not a blank canvas.</summary>
public static class PngAssert
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static void ValidAndNotBlank(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan().StartsWith(Signature), $"{path} does not start with the PNG signature");
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.InRange(bitmap.Width, 1000, 1400);
        Assert.InRange(bitmap.Height, 700, 1200);
        // a figure with axes, text and curves has many colours (anti-aliasing alone gives dozens); a blank one has one
        var colours = new HashSet<uint>();
        for (int y = 0; y < bitmap.Height; y += 2)
            for (int x = 0; x < bitmap.Width; x += 2)
                colours.Add((uint)bitmap.GetPixel(x, y));
        Assert.True(colours.Count > 20, $"{path} has only {colours.Count} distinct colours");
    }
}
