using FokkerPlanckGrid.IO;

namespace FokkerPlanckGrid.Cli.Tests;

public class RunDefaultCaseTests
{
    private static readonly string[] Tiny = ["--set", "grid.cells=[64]", "--set", "time.steps=20"];

    [Fact]
    public void Run_WithNoCase_WritesTheDefaultFileAndExitsZero()
    {
        using var dir = new TempDirectory();
        var path = dir.File("default.h5");

        var r = Cli.Run(["run", "--out", path, .. Tiny]);

        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.True(File.Exists(path));
        Assert.Equal("complete", RunFileAssert.Status(path));
        RunFileAssert.NoTemporaries(path);
        Assert.Equal(["default.h5"], dir.Files());
    }

    [Fact]
    public void Run_WithNoCase_StoresSnapshotsOfShapeSnapshotsByCells()
    {
        using var dir = new TempDirectory();
        var path = dir.File("default.h5");

        Assert.Equal(0, Cli.Run(["run", "--out", path, .. Tiny]).ExitCode);

        var shape = Hdf5Reader.ReadShape(path, Hdf5Layout.SnapshotsV);
        var s = Hdf5Reader.ReadShape(path, Hdf5Layout.SnapshotsT)[0];
        Assert.Equal([s, 64], shape);
        Assert.Equal(21, s); // default output.snapshots with 20 steps: every step
        Assert.Equal([21], Hdf5Reader.ReadShape(path, Hdf5Layout.DiagnosticsT));
        Assert.Equal([s, 64], Hdf5Reader.ReadShape(path, Hdf5Layout.SnapshotsU));
        Assert.Equal([s, 64], Hdf5Reader.ReadShape(path, Hdf5Layout.SnapshotsScoreX));
    }

    [Fact]
    public void Run_WithNoCase_ConservesMassTo1e12AndKeepsVNonNegative()
    {
        using var dir = new TempDirectory();
        var path = dir.File("default.h5");

        Assert.Equal(0, Cli.Run(["run", "--out", path, .. Tiny]).ExitCode);

        Assert.True(RunFileAssert.RelativeMassDrift(path) <= 1e-12, $"mass drift {RunFileAssert.RelativeMassDrift(path):G3}");
        var min = Hdf5Reader.ReadDoubles(path, Hdf5Layout.DiagnosticsMin).Data;
        Assert.All(min, m => Assert.True(m >= 0, $"min v = {m}"));
        Assert.All(Hdf5Reader.ReadDoubles(path, Hdf5Layout.SnapshotsV).Data, x => Assert.True(x >= 0 && double.IsFinite(x)));
    }

    [Fact]
    public void Run_WithNoCase_PrintsTheSummaryTableWithMassDriftAndTheFilePath()
    {
        using var dir = new TempDirectory();
        var path = dir.File("default.h5");

        var r = Cli.Run(["run", "--out", path, .. Tiny]);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("mass drift", r.Stdout);
        Assert.Contains(path, r.Stdout);
        Assert.Contains("64 cells", r.Stdout);
        Assert.Contains("20 steps", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void Run_WithOutputPathSet_WritesThereLikeOut()
    {
        using var dir = new TempDirectory();
        var path = dir.File("sub/dir/via-set.h5");

        var r = Cli.Run(["run", "--set", $"output.path={path}", .. Tiny]);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("complete", RunFileAssert.Status(path));
        RunFileAssert.NoTemporaries(path);
    }

    [Fact]
    public void Run_WithOutAndOutputPathSet_OutWins()
    {
        using var dir = new TempDirectory();
        var viaOut = dir.File("out.h5");
        var viaSet = dir.File("set.h5");

        var r = Cli.Run(["run", "--set", $"output.path={viaSet}", "--out", viaOut, .. Tiny]);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.True(File.Exists(viaOut));
        Assert.False(File.Exists(viaSet));
    }
}
