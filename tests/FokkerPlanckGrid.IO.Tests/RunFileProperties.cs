using FokkerPlanckGrid.Grids;
using FsCheck.Xunit;
using static FokkerPlanckGrid.IO.Tests.RunFiles;

namespace FokkerPlanckGrid.IO.Tests;

public sealed class RunFileProperties
{
    /// <summary>Any bit patterns (NaN payloads, infinities, subnormals) on any small grid come back unchanged.</summary>
    [Property(MaxTest = 25)]
    public bool RunFile_RoundTrips_AnyBitPattern_OnAnyGrid(int seed, byte nxRaw, byte nyRaw, byte countRaw, bool twoD)
    {
        var random = new Random(seed);
        int nx = 2 + nxRaw % 9, ny = 2 + nyRaw % 7, count = 1 + countRaw % 5;
        var grid = twoD ? Grid.OnRectangle(0, 1, nx, -1, 1, ny) : Grid.OnInterval(-1, 1, nx);
        var fields = Enumerable.Range(0, count).Select(_ =>
        {
            var f = new double[grid.CellCount];
            for (int n = 0; n < f.Length; n++) f[n] = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
            return f;
        }).ToArray();

        using var dir = new TempDirectory();
        var path = dir.File("any.h5");
        using (var writer = RunFileWriter.Create(path, Header(grid, count, "v")))
        {
            for (int k = 0; k < count; k++) writer.WriteSnapshot(k, k, fields[k], [], [], []);
            writer.Complete([]);
        }
        var (data, shape) = Hdf5Reader.ReadDoubles(path, Hdf5Layout.SnapshotsV);
        int[] expectedShape = twoD ? [count, nx, ny] : [count, nx];
        return shape.SequenceEqual(expectedShape) && Bits(data).SequenceEqual(Bits(fields.SelectMany(f => f).ToArray()));
    }
}
