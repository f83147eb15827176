using FokkerPlanckGrid.Grids;
using PureHDF;
using static FokkerPlanckGrid.IO.Tests.RunFiles;

namespace FokkerPlanckGrid.IO.Tests;

public sealed class Hdf5ReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadSlice_ReturnsOneSnapshot_WithTheTrailingShape()
    {
        var grid = Grid.OnRectangle(0, 1, 3, 0, 1, 4);
        var path = _dir.File("slices.h5");
        using (var writer = RunFileWriter.Create(path, Header(grid, 4, "v")))
        {
            WriteSnapshots(writer, grid, 4);
            writer.Complete([]);
        }
        var (data, shape) = Hdf5Reader.ReadSlice(path, Hdf5Layout.SnapshotsV, 2);
        Assert.Equal([3, 4], shape);
        Assert.Equal(Bits(Field(grid, 2, 0)), Bits(data));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hdf5Reader.ReadSlice(path, Hdf5Layout.SnapshotsV, 4));
    }

    [Fact]
    public void ScoreFile_WrittenByAnotherProgram_ReadsWithItsShape()
    {
        // a grid-file score as a trained network would leave it: /t [M] and /score [M, nx, ny, 2], float32 here
        var path = _dir.File("score.h5");
        var score = new float[2, 3, 4, 2];
        for (int m = 0; m < 2; m++)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 4; j++)
                    for (int c = 0; c < 2; c++)
                        score[m, i, j, c] = 1000 * m + 100 * i + 10 * j + c;
        new H5File { ["t"] = new[] { 0.5, 1.0 }, ["score"] = score }.Write(path);

        Assert.Equal([0.5, 1.0], Hdf5Reader.ReadDoubles(path, Hdf5Layout.ScoreFileT).Data);
        var (data, shape) = Hdf5Reader.ReadDoubles(path, Hdf5Layout.ScoreFileScore);
        Assert.Equal([2, 3, 4, 2], shape);
        Assert.Equal(1000 + 200 + 30 + 1, data[((1 * 3 + 2) * 4 + 3) * 2 + 1]);
    }

    [Fact]
    public void Samples_AsAnIntegerOrFloatMatrix_ReadAsDoubles()
    {
        var path = _dir.File("samples.h5");
        new H5File { ["samples"] = new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }, ["counts"] = new[] { 1, 2, 3 } }.Write(path);
        var (data, shape) = Hdf5Reader.ReadDoubles(path, "/samples");
        Assert.Equal([3, 2], shape);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], data);
        Assert.Equal([1.0, 2, 3], Hdf5Reader.ReadDoubles(path, "/counts").Data);
        Assert.Equal([1L, 2, 3], Hdf5Reader.ReadInt64s(path, "/counts").Data);
        Assert.Equal(["/counts", "/samples"], Hdf5Reader.ListDatasets(path));
    }

    [Fact]
    public void MissingDatasetOrFile_IsReported_WithFileAndPath()
    {
        var path = _dir.File("small.h5");
        new H5File { ["a"] = new[] { 1.0 } }.Write(path);
        var e = Assert.Throws<KeyNotFoundException>(() => Hdf5Reader.ReadDoubles(path, "/score"));
        Assert.Contains(path, e.Message);
        Assert.Contains("/score", e.Message);
        Assert.False(Hdf5Reader.DatasetExists(path, "/score"));
        Assert.Throws<FileNotFoundException>(() => Hdf5Reader.ReadDoubles(_dir.File("none.h5"), "/a"));
        Assert.Throws<KeyNotFoundException>(() => Hdf5Reader.ReadAttributeString(path, "/", "case"));
    }
}
