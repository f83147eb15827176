using PureHDF;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>
/// SPEC.md: errors in input end with exit code 2 and one clear line that names the key, the value and what is
/// allowed; nothing is written to the output path.
/// </summary>
public class RunBadInputTests
{
    private const string Case1D = """
        {
          "name": "dirac-1d",
          "data":  { "kind": "dirac-mixture", "points": [[0]] },
          "grid":  { "box": [[-5, 5]], "cells": [32] },
          "time":  { "T": 1.0, "tMin": 0.05, "steps": 10 },
          "eps": 0.2,
        }
        """;

    /// <summary>Builds the command line of one bad-input row inside <paramref name="dir"/>; returns the arguments.</summary>
    private static string[] Arrange(string row, TempDirectory dir)
    {
        string WriteCase(string text)
        {
            var path = dir.File("case.json");
            File.WriteAllText(path, text);
            return path;
        }
        string[] Default(params string[] sets) =>
            ["run", .. sets.SelectMany(s => new[] { "--set", s }), "--set", "grid.cells=[32]", "--set", "time.steps=5"];
        var centres = ScoreTables.Centres(-15, 15, 32);
        switch (row)
        {
            case "missing case file":
                return ["run", dir.File("no-such-case.json")];
            case "invalid JSON":
                return ["run", WriteCase("""{ "name": "broken", "grid": { "box": [[-5, 5]], "cells": [32] """)];
            case "case file is not an object":
                return ["run", WriteCase("[1, 2, 3]")];
            case "unknown top-level key in file":
                return ["run", WriteCase(Case1D.Replace("\"eps\": 0.2,", "\"eps\": 0.2, \"epsilon\": 1,"))];
            case "unknown key via set":
                return Default("grid.spacing=2");
            case "negative eps":
                return Default("eps=-0.5");
            case "eps not a number":
                return Default("eps=abc");
            case "tMin equal to T":
                return Default("time.tMin=2");
            case "tMin above T":
                return Default("time.tMin=3");
            case "one cell":
                return ["run", "--set", "grid.cells=[1]"];
            case "cells for two dimensions on a 1D box":
                return ["run", "--set", "grid.cells=[32, 32]"];
            case "unknown data kind":
                return Default("data.kind=dirac-soup");
            case "unknown splitting":
                return Default("scheme.splitting=diagonal");
            case "unknown transport":
                return Default("scheme.transport=central");
            case "box misses the data":
                return Default("grid.box=[[-1, 1]]");
            case "negative weight":
                return Default("data.weights=[0.5, -0.2, 0.3]");
            case "one snapshot":
                return Default("output.snapshots=1");
            case "unknown output field":
                return Default("output.fields=[\"v\", \"pressure\"]");
            case "set without equals":
                return ["run", "--set", "eps"];
            case "grid-file score missing":
                return Default(ScoreTables.SetGridFileScore(dir.File("no-such-score.h5")));
            case "grid-file score of the wrong shape":
            {
                var file = dir.File("score.h5");
                new H5File { ["t"] = new[] { 0.05, 2.0 }, ["score"] = new double[2, 31] }.Write(file);
                return Default(ScoreTables.SetGridFileScore(file));
            }
            case "grid-file score dataset missing":
            {
                var file = dir.File("score.h5");
                ScoreTables.Write(file, [0.05, 2.0], centres, ScoreTables.DiracAtZero);
                return Default(ScoreTables.SetGridFileScore(file, "/network"));
            }
            case "grid-file score times miss tMin":
            {
                var file = dir.File("score.h5");
                ScoreTables.Write(file, [0.1, 1.0, 2.0], centres, ScoreTables.DiracAtZero);
                return Default(ScoreTables.SetGridFileScore(file));
            }
            case "grid-file score times miss T":
            {
                var file = dir.File("score.h5");
                ScoreTables.Write(file, [0.05, 1.0], centres, ScoreTables.DiracAtZero);
                return Default(ScoreTables.SetGridFileScore(file));
            }
            case "grid-file score holding NaN":
            {
                var file = dir.File("score.h5");
                ScoreTables.Write(file, [0.05, 2.0], centres, (t, x) => x == centres[3] ? double.NaN : -x / (2 * t));
                return Default(ScoreTables.SetGridFileScore(file));
            }
            case "unknown option with a value":
                return ["run", "--bogus", "1"];
            case "unknown option alone":
                return ["run", "--bogus"];
            case "unknown option after the case":
                return ["run", WriteCase(Case1D), "--bogus"];
            case "option without its value":
                return ["run", "--threads"];
            default:
                throw new ArgumentException(row);
        }
    }

    [Theory]
    [InlineData("missing case file", "no-such-case.json")]
    [InlineData("invalid JSON", "invalid JSON")]
    [InlineData("case file is not an object", "JSON object")]
    [InlineData("unknown top-level key in file", "epsilon")]
    [InlineData("unknown key via set", "grid.spacing")]
    [InlineData("negative eps", "eps")]
    [InlineData("eps not a number", "eps")]
    [InlineData("tMin equal to T", "time.tMin")]
    [InlineData("tMin above T", "time.tMin")]
    [InlineData("one cell", "grid.cells")]
    [InlineData("cells for two dimensions on a 1D box", "grid.cells")]
    [InlineData("unknown data kind", "data.kind")]
    [InlineData("unknown splitting", "scheme.splitting")]
    [InlineData("unknown transport", "scheme.transport")]
    [InlineData("box misses the data", "grid.box")]
    [InlineData("negative weight", "data.weights")]
    [InlineData("one snapshot", "output.snapshots")]
    [InlineData("unknown output field", "output.fields")]
    [InlineData("set without equals", "--set")]
    [InlineData("grid-file score missing", "score.file")]
    [InlineData("grid-file score of the wrong shape", "score.dataset")]
    [InlineData("grid-file score dataset missing", "score.dataset")]
    [InlineData("grid-file score times miss tMin", "time")]
    [InlineData("grid-file score times miss T", "time")]
    [InlineData("grid-file score holding NaN", "score.dataset")]
    [InlineData("unknown option with a value", "--bogus")]
    [InlineData("unknown option alone", "--bogus")]
    [InlineData("unknown option after the case", "--bogus")]
    [InlineData("option without its value", "--threads")]
    public void Run_WithBadInput_ExitsTwoWithOneLineNamingTheKeyAndWritesNothing(string row, string key)
    {
        using var dir = new TempDirectory();
        var args = Arrange(row, dir);
        var inputs = dir.Files();
        var path = dir.File("out/run.h5");

        var r = Cli.Run([.. args, "--out", path]);

        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}; stderr: {r.Stderr}");
        var line = Assert.Single(r.StderrLines);
        Assert.True(line.Contains(key, StringComparison.Ordinal), $"\"{key}\" not in: {line}");
        Assert.StartsWith("error:", line);
        RunFileAssert.NothingWritten(path);
        Assert.False(Directory.Exists(dir.File("out")), "the output folder was created");
        Assert.Equal(inputs, dir.Files());
    }

    [Fact]
    public void Run_WithNegativeEps_NamesTheValueAndTheRule()
    {
        using var dir = new TempDirectory();
        var r = Cli.Run("run", "--set", "eps=-0.5", "--out", dir.File("x.h5"));

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: eps = -0.5: must be a number >= 0", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Run_WithTooFewCells_NamesTheValueAndTheRule()
    {
        using var dir = new TempDirectory();
        var r = Cli.Run("run", "--set", "grid.cells=[1]", "--out", dir.File("x.h5"));

        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.StderrLines);
        Assert.Contains("grid.cells = [1]", line);
        Assert.Contains(">= 2", line);
    }

    [Fact]
    public void Run_WithAnUnknownOption_SaysItIsAnUnknownOptionNotAMissingCaseFile()
    {
        using var dir = new TempDirectory();
        var r = Cli.Run("run", "--bogus", "--out", dir.File("x.h5"));

        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.StderrLines);
        Assert.Contains("unknown option '--bogus'", line);
        Assert.DoesNotContain("case file:", line);
        Assert.Empty(dir.Files());
    }

    [Fact]
    public void Run_WithOutNamingAFolder_ExitsTwoNamingOutputPathAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var folder = Directory.CreateDirectory(dir.File("results")).FullName;

        var r = Cli.Run("run", "--set", "grid.cells=[32]", "--set", "time.steps=5", "--out", folder);

        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.StderrLines);
        Assert.Contains("output.path", line);
        Assert.Contains(folder, line);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        Assert.Empty(dir.Files());
    }

    [Fact]
    public void Run_WithOutUnderAFile_ExitsTwoNamingOutputPathAndWritesNothing()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("notes.txt"), "x");

        var r = Cli.Run("run", "--set", "grid.cells=[32]", "--set", "time.steps=5", "--out", dir.File("notes.txt/run.h5"));

        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.StderrLines);
        Assert.Contains("output.path", line);
        Assert.Contains("is a file", line);
        Assert.Equal(["notes.txt"], dir.Files());
    }

    [Fact]
    public void Run_WithBadInput_LeavesAnExistingOutputFileUntouched()
    {
        using var dir = new TempDirectory();
        var path = dir.File("previous.h5");
        File.WriteAllBytes(path, [1, 2, 3]);

        var r = Cli.Run("run", "--set", "eps=-1", "--out", path);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        RunFileAssert.NoTemporaries(path);
    }
}
