using FokkerPlanckGrid.Grids;
using PureHDF;
using static FokkerPlanckGrid.IO.Tests.RunFiles;

namespace FokkerPlanckGrid.IO.Tests;

public sealed class RunFileWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<int> Dimensions => new() { 1, 2 };

    private static Grid GridOf(int dimension) =>
        dimension == 1 ? Grid.OnInterval(-15, 15, 6) : Grid.OnRectangle(-3, 3, 4, -2, 2, 5);

    private static int[] SliceShape(Grid g) => g.Dimension == 1 ? [g.Nx] : [g.Nx, g.Ny];

    [Theory, MemberData(nameof(Dimensions))]
    public void RunFile_RoundTrips_EverySnapshotAndDiagnostic(int dimension)
    {
        var grid = GridOf(dimension);
        var path = _dir.File("out/run.h5");
        using (var writer = RunFileWriter.Create(path, Header(grid, 3, "v", "u", "score")))
        {
            WriteSnapshots(writer, grid, 3);
            writer.Complete(SampleDiagnostics(levels: 7, exponents: 3));
        }

        var fields = new Dictionary<string, double>
        {
            [Hdf5Layout.SnapshotsV] = 0, [Hdf5Layout.SnapshotsU] = 0.25, [Hdf5Layout.SnapshotsScoreX] = 0.5,
        };
        if (dimension == 2) fields[Hdf5Layout.SnapshotsScoreY] = 0.75;
        foreach (var (name, offset) in fields)
        {
            var (data, shape) = Hdf5Reader.ReadDoubles(path, name);
            Assert.Equal([3, .. SliceShape(grid)], shape);
            Assert.Equal(Bits(Stacked(grid, 3, offset)), Bits(data));
        }
        Assert.Equal(Bits([RunFiles.Time(0), RunFiles.Time(1), RunFiles.Time(2)]), Bits(Hdf5Reader.ReadDoubles(path, Hdf5Layout.SnapshotsT).Data));
        foreach (var entry in SampleDiagnostics(7, 3))
        {
            var (data, shape) = Hdf5Reader.ReadDoubles(path, entry.Path);
            Assert.Equal(entry.Shape, shape);
            Assert.Equal(entry.Data.Cast<object>().Select(Convert.ToDouble), data);
        }
        Assert.False(File.Exists(path + ".tmp"));
        Assert.False(File.Exists(path + ".part"));
    }

    [Theory, MemberData(nameof(Dimensions))]
    public void RunFile_HasGridAndRootAttributes_OfTheSpec(int dimension)
    {
        var grid = GridOf(dimension);
        var path = _dir.File("run.h5");
        using (var writer = RunFileWriter.Create(path, Header(grid, 1, "v")))
        {
            WriteSnapshots(writer, grid, 1);
            writer.Complete([]);
        }

        Assert.Equal(CaseJson, Hdf5Reader.ReadAttributeString(path, "/", Hdf5Layout.AttrCase));
        Assert.Equal("0.0.0-test", Hdf5Reader.ReadAttributeString(path, "/", Hdf5Layout.AttrVersion));
        Assert.Equal(Hdf5Layout.StatusComplete, Hdf5Reader.ReadAttributeString(path, "/", Hdf5Layout.AttrStatus));
        var created = Hdf5Reader.ReadAttributeString(path, "/", Hdf5Layout.AttrCreatedUtc);
        Assert.True(DateTime.TryParse(created, null, System.Globalization.DateTimeStyles.RoundtripKind, out var when));
        Assert.Equal(DateTimeKind.Utc, when.Kind);
        Assert.Equal(dimension, Hdf5Reader.ReadAttributeDouble(path, "/", Hdf5Layout.AttrDimension));
        Assert.Equal(0.2, Hdf5Reader.ReadAttributeDouble(path, "/", Hdf5Layout.AttrEps));
        Assert.Equal(2.0, Hdf5Reader.ReadAttributeDouble(path, "/", Hdf5Layout.AttrT));
        Assert.Equal(0.05, Hdf5Reader.ReadAttributeDouble(path, "/", Hdf5Layout.AttrTMin));

        string[] axes = dimension == 1 ? [Hdf5Layout.GridX] : [Hdf5Layout.GridX, Hdf5Layout.GridY];
        for (int d = 0; d < axes.Length; d++)
        {
            var axis = grid.Axes[d];
            Assert.Equal(Bits(axis.Centers()), Bits(Hdf5Reader.ReadDoubles(path, axes[d]).Data));
            Assert.Equal([axis.Lower, axis.Upper], Hdf5Reader.ReadAttributeDoubles(path, axes[d], Hdf5Layout.AttrBox));
            Assert.Equal(axis.H, Hdf5Reader.ReadAttributeDouble(path, axes[d], Hdf5Layout.AttrH));
        }
        Assert.Equal(dimension == 2, Hdf5Reader.DatasetExists(path, Hdf5Layout.GridY));
    }

    [Fact]
    public void Field2D_IsStoredInCOrder_WithIAlongX()
    {
        var grid = Grid.OnRectangle(0, 1, 3, 0, 1, 4);
        var path = _dir.File("c-order.h5");
        using (var writer = RunFileWriter.Create(path, Header(grid, 2, "v")))
        {
            WriteSnapshots(writer, grid, 2);
            writer.Complete([]);
        }

        using var file = H5File.OpenRead(path);
        var v = file.Dataset(Hdf5Layout.SnapshotsV).Read<double[,,]>();
        Assert.Equal([2, 3, 4], new[] { v.GetLength(0), v.GetLength(1), v.GetLength(2) });
        for (int k = 0; k < 2; k++)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 4; j++)
                    Assert.Equal(1e6 * k + 1000 * i + j, v[k, i, j]);
    }

    [Fact]
    public void Snapshot_KeepsEveryBit_IncludingNaNAndNegativeZero()
    {
        var grid = Grid.OnInterval(0, 1, 5);
        double[] odd = [double.NaN, -0.0, double.Epsilon, double.MaxValue, double.NegativeInfinity];
        var path = _dir.File("bits.h5");
        using (var writer = RunFileWriter.Create(path, Header(grid, 1, "v")))
        {
            writer.WriteSnapshot(0, 1.0, odd, [], [], []);
            writer.Complete([]);
        }
        Assert.Equal(Bits(odd), Bits(Hdf5Reader.ReadDoubles(path, Hdf5Layout.SnapshotsV).Data));
    }

    [Fact]
    public void OnlyRequestedFields_AreWritten()
    {
        var grid = GridOf(2);
        var path = _dir.File("v-only.h5");
        using (var writer = RunFileWriter.Create(path, Header(grid, 2, "v")))
        {
            WriteSnapshots(writer, grid, 2);
            writer.Complete([]);
        }
        Assert.Equal(
            [Hdf5Layout.GridX, Hdf5Layout.GridY, Hdf5Layout.SnapshotsT, Hdf5Layout.SnapshotsV],
            Hdf5Reader.ListDatasets(path));
    }

    [Theory, MemberData(nameof(Dimensions))]
    public void TruncatedRun_HoldsOnlyWrittenSnapshots_AndStatusBreakdown(int dimension)
    {
        var grid = GridOf(dimension);
        var path = _dir.File("broken.h5");
        using (var writer = RunFileWriter.Create(path, Header(grid, 5, "v", "score")))
        {
            WriteSnapshots(writer, grid, 2);
            writer.CompleteTruncated(2, SampleDiagnostics(levels: 4, exponents: 2));
        }

        Assert.Equal(Hdf5Layout.StatusBreakdown, Hdf5Reader.ReadAttributeString(path, "/", Hdf5Layout.AttrStatus));
        var (v, shape) = Hdf5Reader.ReadDoubles(path, Hdf5Layout.SnapshotsV);
        Assert.Equal([2, .. SliceShape(grid)], shape);
        Assert.Equal(Bits(Stacked(grid, 2, 0)), Bits(v));
        Assert.Equal([2], Hdf5Reader.ReadShape(path, Hdf5Layout.SnapshotsT));
        Assert.Equal([2, .. SliceShape(grid)], Hdf5Reader.ReadShape(path, Hdf5Layout.SnapshotsScoreX));
        Assert.Equal([4, 2], Hdf5Reader.ReadShape(path, Hdf5Layout.DiagnosticsLpNorm));
    }

    [Fact]
    public void TruncatedRun_BeforeAnySnapshot_IsStillAValidFile()
    {
        var grid = GridOf(1);
        var path = _dir.File("broken-early.h5");
        using (var writer = RunFileWriter.Create(path, Header(grid, 5, "v")))
            writer.CompleteTruncated(0, [DatasetEntry.Vector(Hdf5Layout.DiagnosticsMass, new[] { 1.0 })]);

        Assert.Equal([0, 6], Hdf5Reader.ReadShape(path, Hdf5Layout.SnapshotsV));
        Assert.Equal([1.0], Hdf5Reader.ReadDoubles(path, Hdf5Layout.DiagnosticsMass).Data);
    }

    [Fact]
    public void FinalName_IsEmpty_WhileWriting_AndAfterDisposeWithoutComplete()
    {
        var grid = GridOf(1);
        var path = _dir.File("pending.h5");
        using (var writer = RunFileWriter.Create(path, Header(grid, 3, "v")))
        {
            WriteSnapshots(writer, grid, 2);
            Assert.False(File.Exists(path));
            Assert.True(File.Exists(writer.TemporaryPath));
        }
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void FailedRun_LeavesAnEarlierFileUnderTheFinalName_Untouched()
    {
        var path = _dir.File("keep.h5");
        File.WriteAllText(path, "previous result");
        using (var writer = RunFileWriter.Create(path, Header(GridOf(1), 2, "v")))
            WriteSnapshots(writer, GridOf(1), 1);
        Assert.Equal("previous result", File.ReadAllText(path));
    }

    [Fact]
    public void Complete_Refuses_WhenASnapshotIsMissing()
    {
        var grid = GridOf(1);
        var path = _dir.File("missing.h5");
        using var writer = RunFileWriter.Create(path, Header(grid, 3, "v"));
        WriteSnapshots(writer, grid, 2);
        var e = Assert.Throws<InvalidOperationException>(() => writer.Complete([]));
        Assert.Contains("snapshot 2", e.Message);
    }

    [Fact]
    public void WriteSnapshot_Refuses_AFieldOfTheWrongLength()
    {
        using var writer = RunFileWriter.Create(_dir.File("bad.h5"), Header(GridOf(1), 2, "v"));
        var e = Assert.Throws<ArgumentException>(() => writer.WriteSnapshot(0, 1, new double[5], [], [], []));
        Assert.Contains(Hdf5Layout.SnapshotsV, e.Message);
    }

    [Fact]
    public void Create_Refuses_AnUnknownField()
    {
        var e = Assert.Throws<ArgumentException>(() => RunFileWriter.Create(_dir.File("x.h5"), Header(GridOf(1), 2, "w")));
        Assert.Contains("'w'", e.Message);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Complete_Refuses_AnExtraDatasetThatClashesWithTheLayout()
    {
        using var writer = RunFileWriter.Create(_dir.File("clash.h5"), Header(GridOf(1), 1, "v"));
        WriteSnapshots(writer, GridOf(1), 1);
        Assert.Throws<ArgumentException>(() => writer.Complete([DatasetEntry.Vector(Hdf5Layout.SnapshotsT, new[] { 1.0 })]));
    }

    [Fact]
    public void ExtraDatasets_KeepIntegerTypes_AndAttributes()
    {
        var path = _dir.File("particles.h5");
        using (var writer = RunFileWriter.Create(path, Header(GridOf(1), 1, "v")))
        {
            WriteSnapshots(writer, GridOf(1), 1);
            writer.Complete(
            [
                new DatasetEntry(Hdf5Layout.ParticlesEnd, new double[] { 1, 2, 3, 4, 5, 6 }, [3, 2])
                {
                    Attributes = new Dictionary<string, object> { [Hdf5Layout.AttrSeed] = 42L },
                },
                DatasetEntry.Vector("/diagnostics/steps", new long[] { 7, 8 }),
            ]);
        }
        Assert.Equal([7L, 8L], Hdf5Reader.ReadInt64s(path, "/diagnostics/steps").Data);
        Assert.Equal(42, Hdf5Reader.ReadAttributeDouble(path, Hdf5Layout.ParticlesEnd, Hdf5Layout.AttrSeed));
        Assert.Equal([3, 2], Hdf5Reader.ReadShape(path, Hdf5Layout.ParticlesEnd));
    }
}
