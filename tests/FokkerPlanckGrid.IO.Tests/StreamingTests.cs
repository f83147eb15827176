using FokkerPlanckGrid.Grids;
using static FokkerPlanckGrid.IO.Tests.RunFiles;

namespace FokkerPlanckGrid.IO.Tests;

/// <summary>Snapshots go to disk as they come: neither memory nor allocation grows with the number written.</summary>
public sealed class StreamingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WriteSnapshot_Allocation_DoesNotGrowWithSnapshotsWritten()
    {
        var grid = Grid.OnRectangle(0, 1, 256, 0, 1, 256);
        const int count = 80;
        var v = Field(grid, 0, 0);
        long sliceBytes = grid.CellCount * sizeof(double);
        using var writer = RunFileWriter.Create(_dir.File("stream.h5"), Header(grid, count, "v", "u"));

        long Allocated(int from, int to)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int k = from; k < to; k++) writer.WriteSnapshot(k, RunFiles.Time(k), v, v, [], []);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Allocated(0, 10); // warm-up: reflection caches, first buffers
        long early = Allocated(10, 30), late = Allocated(60, 80);
        // no copy of the data is kept: 20 snapshots of two fields allocate less than one slice (a few kB of
        // PureHDF bookkeeping per write), and the 20 written late allocate no more than the 20 written early
        Assert.True(early < sliceBytes, $"20 snapshots allocated {early} bytes; one slice is {sliceBytes}");
        Assert.True(late < 1.5 * early + 4096, $"snapshots 60..79 allocated {late} bytes, snapshots 10..29 {early}");
    }

    [Fact]
    public void StreamFile_Grows_AsSnapshotsAreWritten()
    {
        var grid = Grid.OnInterval(0, 1, 4096);
        long sliceBytes = grid.CellCount * sizeof(double);
        using var writer = RunFileWriter.Create(_dir.File("grow.h5"), Header(grid, 20, "v"));
        var v = Field(grid, 0, 0);
        for (int k = 0; k < 10; k++) writer.WriteSnapshot(k, RunFiles.Time(k), v, [], [], []);
        long length = new FileInfo(writer.TemporaryPath).Length;
        Assert.True(length >= 9 * sliceBytes, $"stream file has {length} bytes after 10 slices of {sliceBytes}");
    }
}
