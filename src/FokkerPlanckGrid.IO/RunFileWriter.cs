using PureHDF;

namespace FokkerPlanckGrid.IO;

/// <summary>
/// Streams one solver run to an HDF5 file laid out as in SPEC.md ("HDF5 file layout", names in <see cref="Hdf5Layout"/>).
/// <para>
/// Life cycle: <see cref="Create"/> declares the snapshot datasets [S, nx] or [S, nx, ny] and opens a stream file;
/// <see cref="WriteSnapshot"/> writes one slice per call straight to disk; <see cref="Complete"/> (or
/// <see cref="CompleteTruncated"/> after a numerical breakdown) adds the diagnostics and only then moves the result
/// under the final name. <see cref="Dispose"/> without completion deletes every temporary file, so the final path
/// never holds a half-written file.
/// </para>
/// <para>
/// Why two files: PureHDF's deferred writer (<c>H5File.BeginWrite</c>) fixes the file's structure when it starts;
/// datasets cannot be added afterwards, and PureHDF does not edit existing files. The diagnostics' length K+1 is known
/// only at the end (adaptive time stepping), and a truncated run needs snapshot datasets of a smaller leading dimension.
/// So the snapshots are streamed into <c>finalPath + ".tmp"</c>; completion writes the real file afresh into
/// <c>finalPath + ".part"</c>, copying the snapshot slices back one at a time (memory stays at one snapshot per
/// field), renames it to <c>finalPath</c> and deletes the stream file. The price is one extra pass over the snapshot
/// bytes at the end of a run.
/// </para>
/// </summary>
public sealed class RunFileWriter : IDisposable
{
    private readonly string _finalPath;
    private readonly string _streamPath;
    private readonly string _assemblyPath;
    private readonly RunFileHeader _header;
    private readonly string _createdUtc;
    private readonly SnapshotSeries[] _series;
    private readonly double[] _times;
    private readonly bool[] _written;
    private H5NativeWriter? _stream;
    private bool _finished;

    private RunFileWriter(string finalPath, RunFileHeader header)
    {
        _finalPath = finalPath;
        _streamPath = finalPath + ".tmp";
        _assemblyPath = finalPath + ".part";
        _header = header;
        _createdUtc = DateTime.UtcNow.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        _series = SnapshotSeries.For(header);
        _times = new double[header.SnapshotCount];
        _written = new bool[header.SnapshotCount];
    }

    /// <summary>Path of the finished file (nothing is there from this writer until completion).</summary>
    public string FinalPath => _finalPath;

    /// <summary>Path of the stream file that holds snapshots while the run goes on.</summary>
    public string TemporaryPath => _streamPath;

    /// <summary>
    /// Validates <paramref name="header"/>, creates the parent directory of <paramref name="finalPath"/> and opens the
    /// stream file <c>finalPath + ".tmp"</c> with every snapshot dataset declared at its full shape.
    /// </summary>
    public static RunFileWriter Create(string finalPath, RunFileHeader header)
    {
        ArgumentException.ThrowIfNullOrEmpty(finalPath);
        Validate(header);
        finalPath = Path.GetFullPath(finalPath);
        var dir = Path.GetDirectoryName(finalPath);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);

        var writer = new RunFileWriter(finalPath, header);
        var file = new H5File();
        var snapshots = new H5Group();
        foreach (var s in writer._series) snapshots[s.Name] = s.StreamDataset;
        file[Hdf5Layout.SnapshotsGroup.TrimStart('/')] = snapshots;
        writer._stream = file.BeginWrite(writer._streamPath);
        return writer;
    }

    /// <summary>Number of snapshot slots S.</summary>
    public int SnapshotCount => _times.Length;

    /// <summary>
    /// Writes snapshot <paramref name="index"/> (0-based, 0 is time T) at time <paramref name="t"/>. Each span is a
    /// cell field in C order (element i * ny + j) of length nx * ny; spans of fields not requested in the header are
    /// ignored and may be empty. <paramref name="scoreY"/> is used in 2D only.
    /// </summary>
    public void WriteSnapshot(int index, double t, ReadOnlySpan<double> v, ReadOnlySpan<double> u,
        ReadOnlySpan<double> scoreX, ReadOnlySpan<double> scoreY)
    {
        var stream = _stream ?? throw new InvalidOperationException("the run file is already completed or disposed");
        if ((uint)index >= (uint)_times.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"snapshot index must be in [0, {_times.Length})");
        foreach (var s in _series)
        {
            var field = s.Path switch
            {
                Hdf5Layout.SnapshotsV => v,
                Hdf5Layout.SnapshotsU => u,
                Hdf5Layout.SnapshotsScoreX => scoreX,
                _ => scoreY,
            };
            s.Write(stream, index, field);
        }
        _times[index] = t;
        _written[index] = true;
    }

    /// <summary>
    /// Finishes a successful run: every snapshot must have been written. Writes <paramref name="extra"/> (the
    /// diagnostics, at whatever length the run produced), <c>/snapshots/t</c> and root attribute
    /// <c>status = "complete"</c>, then moves the file under its final name.
    /// </summary>
    public void Complete(IReadOnlyList<DatasetEntry> extra)
    {
        int missing = Array.IndexOf(_written, false);
        if (missing >= 0)
            throw new InvalidOperationException(
                $"snapshot {missing} of {_written.Length} was never written; use CompleteTruncated for a run that stopped early");
        Finish(_written.Length, extra, Hdf5Layout.StatusComplete);
    }

    /// <summary>
    /// Finishes a run that broke down numerically: the file under the final name holds only the first
    /// <paramref name="snapshotsWritten"/> snapshots (leading dimension exactly that, no placeholder slots), the
    /// diagnostics given, and root attribute <c>status = "breakdown"</c>.
    /// </summary>
    public void CompleteTruncated(int snapshotsWritten, IReadOnlyList<DatasetEntry> extra)
    {
        if ((uint)snapshotsWritten > (uint)_written.Length)
            throw new ArgumentOutOfRangeException(nameof(snapshotsWritten), snapshotsWritten,
                $"must be in [0, {_written.Length}]");
        int missing = Array.IndexOf(_written, false, 0, snapshotsWritten);
        if (missing >= 0)
            throw new InvalidOperationException($"snapshot {missing} of the first {snapshotsWritten} was never written");
        Finish(snapshotsWritten, extra, Hdf5Layout.StatusBreakdown);
    }

    private void Finish(int count, IReadOnlyList<DatasetEntry> extra, string status)
    {
        var stream = _stream ?? throw new InvalidOperationException("the run file is already completed or disposed");
        var file = RunFileAssembly.Build(_header, _createdUtc, status, _times.AsSpan(0, count).ToArray(), extra);
        var targets = new H5Dataset<double[]>[_series.Length];
        var snapshots = (H5Group)file[Hdf5Layout.SnapshotsGroup.TrimStart('/')];
        for (int f = 0; f < _series.Length; f++)
        {
            targets[f] = _series[f].FinalDataset(count);
            snapshots[_series[f].Name] = targets[f];
        }

        _stream = null;
        stream.Dispose(); // writes the stream file's superblock so that it can be read back
        using (var source = H5File.OpenRead(_streamPath))
        using (var output = file.BeginWrite(_assemblyPath))
        {
            for (int f = 0; f < _series.Length; f++)
                _series[f].CopySlices(source, output, targets[f], count);
        }
        File.Move(_assemblyPath, _finalPath, overwrite: true);
        _finished = true;
        File.Delete(_streamPath);
    }

    private static void Validate(RunFileHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(header.Grid);
        if (header.SnapshotCount < 1)
            throw new ArgumentException($"SnapshotCount = {header.SnapshotCount}: at least 1 snapshot is needed");
        var seen = new HashSet<string>();
        foreach (var f in header.SnapshotFields)
        {
            if (f is not (Hdf5Layout.FieldV or Hdf5Layout.FieldU or Hdf5Layout.FieldScore))
                throw new ArgumentException($"snapshot field '{f}': allowed are \"v\", \"u\", \"score\"");
            if (!seen.Add(f)) throw new ArgumentException($"snapshot field '{f}' is listed twice");
        }
        ArgumentNullException.ThrowIfNull(header.CaseJson);
        ArgumentNullException.ThrowIfNull(header.Version);
    }

    /// <summary>Closes the stream; if the run was not completed, deletes every temporary file.</summary>
    public void Dispose()
    {
        var stream = _stream;
        _stream = null;
        try { stream?.Dispose(); }
        catch (IOException) { /* the file is deleted below anyway */ }
        if (!_finished)
        {
            TryDelete(_streamPath);
            TryDelete(_assemblyPath);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
