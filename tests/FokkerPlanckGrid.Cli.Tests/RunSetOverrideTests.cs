using System.Text.Json;
using System.Text.Json.Nodes;
using FokkerPlanckGrid.IO;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>`--set key=value` overrides show up in the resolved case stored as the file's root attribute `case`.</summary>
public class RunSetOverrideTests
{
    private static JsonObject StoredCase(string path)
    {
        var text = Hdf5Reader.ReadAttributeString(path, "/", Hdf5Layout.AttrCase);
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        return Assert.IsType<JsonObject>(JsonNode.Parse(text, documentOptions: options));
    }

    private static JsonObject RunDefault(TempDirectory dir, params string[] sets)
    {
        var path = dir.File("run.h5");
        var r = Cli.Run(["run", "--out", path, "--set", "time.steps=20", .. sets.SelectMany(s => new[] { "--set", s })]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return StoredCase(path);
    }

    [Fact]
    public void Run_WithSetEpsAndCells_StoresThemInTheCaseAttribute()
    {
        using var dir = new TempDirectory();
        var c = RunDefault(dir, "eps=1", "grid.cells=[128]");

        Assert.Equal(1.0, c["eps"]!.GetValue<double>());
        Assert.Equal([128], c["grid"]!["cells"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(20, c["time"]!["steps"]!.GetValue<int>());
        Assert.Equal(1.0, Hdf5Reader.ReadAttributeDouble(dir.File("run.h5"), "/", Hdf5Layout.AttrEps));
        Assert.Equal([128], Hdf5Reader.ReadShape(dir.File("run.h5"), Hdf5Layout.GridX));
    }

    [Fact]
    public void Run_WithOut_StoresTheOutputPathInTheCaseAttribute()
    {
        using var dir = new TempDirectory();
        var c = RunDefault(dir, "grid.cells=[64]");

        Assert.Equal(dir.File("run.h5"), c["output"]!["path"]!.GetValue<string>());
    }

    [Fact]
    public void Run_WithSetOfAPlainWord_StoresItAsAString()
    {
        using var dir = new TempDirectory();
        var c = RunDefault(dir, "grid.cells=[64]", "name=my-run", "scheme.transport=scharfetter-gummel");

        Assert.Equal("my-run", c["name"]!.GetValue<string>());
        Assert.Equal("scharfetter-gummel", c["scheme"]!["transport"]!.GetValue<string>());
    }

    [Fact]
    public void Run_WithTheSameKeySetTwice_KeepsTheLastValue()
    {
        using var dir = new TempDirectory();
        var c = RunDefault(dir, "grid.cells=[64]", "eps=0.5", "eps=0.7");

        Assert.Equal(0.7, c["eps"]!.GetValue<double>());
    }

    [Fact]
    public void Run_WithSetNull_RemovesTheKeySoItsDefaultApplies()
    {
        using var dir = new TempDirectory();
        // the default case's weights sum to 1.1 and are normalised with a note; removed, they default to equal
        var c = RunDefault(dir, "grid.cells=[64]", "data.weights=null");

        var w = c["data"]!["weights"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
        Assert.Equal(3, w.Length);
        Assert.All(w, x => Assert.Equal(1.0 / 3, x, 1e-15));
    }

    [Fact]
    public void Run_WithTheDefaultCase_PrintsTheWeightNormalisationNote()
    {
        using var dir = new TempDirectory();
        var r = Cli.Run("run", "--out", dir.File("run.h5"), "--set", "grid.cells=[64]", "--set", "time.steps=5");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("data.weights", r.Stdout);
        Assert.Contains("normalised", r.Stdout);
    }

    [Fact]
    public void Run_StoresACaseAttributeThatRunsAgainToTheSameResult()
    {
        using var dir = new TempDirectory();
        var first = dir.File("first.h5");
        Assert.Equal(0, Cli.Run("run", "--out", first, "--set", "grid.cells=[64]", "--set", "time.steps=10", "--set", "eps=1").ExitCode);
        var casePath = dir.File("resolved.json");
        File.WriteAllText(casePath, Hdf5Reader.ReadAttributeString(first, "/", Hdf5Layout.AttrCase));
        var second = dir.File("second.h5");

        Assert.Equal(0, Cli.Run("run", casePath, "--out", second).ExitCode);

        Assert.Equal(Hdf5Reader.ReadDoubles(first, Hdf5Layout.SnapshotsV).Data, Hdf5Reader.ReadDoubles(second, Hdf5Layout.SnapshotsV).Data);
    }
}
