using PureHDF;
using PureHDF.Selections;

namespace FokkerPlanckGrid.IO;

/// <summary>
/// One snapshot dataset (v, u, score_x or score_y) of a run file: its shape [S, nx(, ny)], a reusable one-slice
/// buffer, and the hyperslab of slice k, which is [k, 0, ...] with block [1, nx(, ny)].
/// </summary>
internal sealed class SnapshotSeries
{
    private readonly ulong[] _sliceDims;
    private readonly double[] _buffer;

    private SnapshotSeries(string path, ulong[] sliceDims, int snapshotCount)
    {
        Path = path;
        _sliceDims = sliceDims;
        ulong cells = 1;
        foreach (var n in sliceDims) cells *= n;
        _buffer = new double[cells];
        StreamDataset = new H5Dataset<double[]>(fileDims: Dims((ulong)snapshotCount));
    }

    /// <summary>Absolute dataset path, e.g. <see cref="Hdf5Layout.SnapshotsV"/>.</summary>
    public string Path { get; }

    /// <summary>Link name inside /snapshots.</summary>
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>The dataset of all S slots in the stream file.</summary>
    public H5Dataset<double[]> StreamDataset { get; }

    /// <summary>The series requested by <paramref name="header"/>, in the order v, u, score_x, score_y.</summary>
    public static SnapshotSeries[] For(RunFileHeader header)
    {
        var grid = header.Grid;
        ulong[] slice = grid.Dimension == 1 ? [(ulong)grid.Nx] : [(ulong)grid.Nx, (ulong)grid.Ny];
        var paths = new List<string>();
        if (header.SnapshotFields.Contains(Hdf5Layout.FieldV)) paths.Add(Hdf5Layout.SnapshotsV);
        if (header.SnapshotFields.Contains(Hdf5Layout.FieldU)) paths.Add(Hdf5Layout.SnapshotsU);
        if (header.SnapshotFields.Contains(Hdf5Layout.FieldScore))
        {
            paths.Add(Hdf5Layout.SnapshotsScoreX);
            if (grid.Dimension == 2) paths.Add(Hdf5Layout.SnapshotsScoreY);
        }
        return paths.Select(p => new SnapshotSeries(p, slice, header.SnapshotCount)).ToArray();
    }

    /// <summary>A dataset of the first <paramref name="count"/> slices, for the final file.</summary>
    public H5Dataset<double[]> FinalDataset(int count) => new(fileDims: Dims((ulong)count));

    /// <summary>Writes <paramref name="field"/> (C order, nx * ny values) as slice <paramref name="index"/>.</summary>
    public void Write(H5NativeWriter writer, int index, ReadOnlySpan<double> field)
    {
        if (field.Length != _buffer.Length)
            throw new ArgumentException($"{Path}: a snapshot has {_buffer.Length} values, got {field.Length}");
        field.CopyTo(_buffer);
        writer.Write(StreamDataset, _buffer, fileSelection: Slice(index));
    }

    /// <summary>Copies slices 0..count-1 from the stream file into <paramref name="target"/>, one slice at a time.</summary>
    public void CopySlices(IH5Group source, H5NativeWriter output, H5Dataset<double[]> target, int count)
    {
        var dataset = source.Dataset(Path);
        for (int k = 0; k < count; k++)
        {
            var slice = Slice(k);
            dataset.Read(_buffer, fileSelection: slice);
            output.Write(target, _buffer, fileSelection: slice);
        }
    }

    private HyperslabSelection Slice(int index)
    {
        var starts = new ulong[_sliceDims.Length + 1];
        starts[0] = (ulong)index;
        return new HyperslabSelection(starts.Length, starts, Dims(1));
    }

    private ulong[] Dims(ulong leading) => [leading, .. _sliceDims];
}
