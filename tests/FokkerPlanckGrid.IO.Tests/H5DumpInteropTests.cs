using FokkerPlanckGrid.Grids;
using static FokkerPlanckGrid.IO.Tests.RunFiles;

namespace FokkerPlanckGrid.IO.Tests;

/// <summary>
/// Files written by <see cref="RunFileWriter"/> read cleanly with the HDF Group's own library (through h5dump), which is
/// what h5py, MATLAB and Julia use underneath.
/// </summary>
public sealed class H5DumpInteropTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write2D(int snapshots, int written)
    {
        var grid = Grid.OnRectangle(-3, 3, 4, -2, 2, 5);
        var path = _dir.File("interop.h5");
        using var writer = RunFileWriter.Create(path, Header(grid, snapshots, "v", "u", "score"));
        WriteSnapshots(writer, grid, written);
        if (written == snapshots) writer.Complete(SampleDiagnostics(levels: 7, exponents: 3));
        else writer.CompleteTruncated(written, SampleDiagnostics(levels: 4, exponents: 3));
        return path;
    }

    [H5DumpFact]
    public void H5Dump_ListsEveryDataset_WithTheSpecShapes_AsFloat64()
    {
        var path = Write2D(snapshots: 3, written: 3);
        var (code, header, stderr) = H5Dump.Run("-H", path);
        Assert.True(code == 0, $"h5dump -H exited {code}: {stderr}");

        foreach (var group in new[] { "grid", "snapshots", "diagnostics" })
            Assert.Contains($"GROUP \"{group}\"", header);
        foreach (var name in new[] { "v", "u", "score_x", "score_y" })
            Assert.Contains($"DATASET \"{name}\" {{\n         DATATYPE  H5T_IEEE_F64LE\n         DATASPACE  SIMPLE {{ ( 3, 4, 5 ) / ( 3, 4, 5 ) }}", header);
        Assert.Contains("DATASET \"x\" {\n         DATATYPE  H5T_IEEE_F64LE\n         DATASPACE  SIMPLE { ( 4 ) / ( 4 ) }", header);
        Assert.Contains("DATASET \"y\" {\n         DATATYPE  H5T_IEEE_F64LE\n         DATASPACE  SIMPLE { ( 5 ) / ( 5 ) }", header);
        Assert.Contains("DATASET \"t\" {\n         DATATYPE  H5T_IEEE_F64LE\n         DATASPACE  SIMPLE { ( 3 ) / ( 3 ) }", header);
        Assert.Contains("DATASET \"lp_norm\" {\n         DATATYPE  H5T_IEEE_F64LE\n         DATASPACE  SIMPLE { ( 7, 3 ) / ( 7, 3 ) }", header);
    }

    [H5DumpFact]
    public void H5Dump_ReadsEverySnapshotValue_ExactlyAndInCOrder()
    {
        var path = Write2D(snapshots: 3, written: 3);
        var (code, dump, stderr) = H5Dump.Run("-m", "%.17g", "-d", Hdf5Layout.SnapshotsV, path);
        Assert.True(code == 0, $"h5dump -d exited {code}: {stderr}");
        Assert.Contains("DATASPACE  SIMPLE { ( 3, 4, 5 ) / ( 3, 4, 5 ) }", dump);
        var grid = Grid.OnRectangle(-3, 3, 4, -2, 2, 5);
        // 17 significant digits round-trip a double exactly; the value at [k, i, j] is 1e6 k + 1000 i + j
        Assert.Equal(Bits(Stacked(grid, 3, 0)), Bits(ParseData(dump, [3, 4, 5])));
    }

    /// <summary>
    /// The DATA block of an h5dump listing as a flat C-order array: each line starts with the index tuple of its first
    /// value, e.g. "(1,2,0): 1002000, 1002001,", so the values are placed by h5dump's own indices.
    /// </summary>
    private static double[] ParseData(string dump, int[] shape)
    {
        var values = Enumerable.Repeat(double.NaN, shape.Aggregate(1, (a, b) => a * b)).ToArray();
        var line = new System.Text.RegularExpressions.Regex(@"^\s*\(([\d,]+)\):\s*(.*)$",
            System.Text.RegularExpressions.RegexOptions.Multiline);
        foreach (System.Text.RegularExpressions.Match m in line.Matches(dump))
        {
            var index = m.Groups[1].Value.Split(',').Select(int.Parse).ToArray();
            int flat = 0;
            for (int d = 0; d < shape.Length; d++) flat = flat * shape[d] + index[d];
            foreach (var text in m.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                values[flat++] = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }
        return values;
    }

    [H5DumpFact]
    public void H5Dump_ReadsTheCaseAttribute_AsAVariableLengthUtf8String()
    {
        var path = Write2D(snapshots: 2, written: 2);
        var (code, dump, stderr) = H5Dump.Run("-a", "/" + Hdf5Layout.AttrCase, path);
        Assert.True(code == 0, $"h5dump -a exited {code}: {stderr}");
        Assert.Contains("H5T_STRING", dump);
        Assert.Contains("STRSIZE H5T_VARIABLE", dump);
        Assert.Contains("CSET H5T_CSET_UTF8", dump);
        Assert.Contains("DATASPACE  SCALAR", dump);
        Assert.Contains($"(0): \"{CaseJson}\"", dump);
    }

    [H5DumpFact]
    public void H5Dump_ReadsRootAttributes_WithTheirTypes()
    {
        var path = Write2D(snapshots: 2, written: 2);
        var (code, dump, stderr) = H5Dump.Run("-A", "-g", "/", path);
        Assert.True(code == 0, $"h5dump -A exited {code}: {stderr}");
        Assert.Contains("ATTRIBUTE \"dimension\" {\n      DATATYPE  H5T_STD_I32LE", dump);
        Assert.Contains("ATTRIBUTE \"eps\" {\n      DATATYPE  H5T_IEEE_F64LE", dump);
        Assert.Contains("ATTRIBUTE \"status\"", dump);
        Assert.Contains("(0): \"complete\"", dump);
        Assert.Contains("ATTRIBUTE \"box\"", dump);
    }

    [H5DumpFact]
    public void H5Dump_ReadsATruncatedFile_WithOnlyTheWrittenSnapshots()
    {
        var path = Write2D(snapshots: 6, written: 2);
        var (code, dump, stderr) = H5Dump.Run(path);
        Assert.True(code == 0, $"h5dump exited {code}: {stderr}");
        Assert.Contains("DATASPACE  SIMPLE { ( 2, 4, 5 ) / ( 2, 4, 5 ) }", dump);
        Assert.DoesNotContain("( 6, 4, 5 )", dump);
        Assert.Contains("(0): \"breakdown\"", dump);
    }
}
