namespace FokkerPlanckGrid.Plotting;

/// <summary>
/// PNG figures of one run file, read from the file alone (SPEC.md, "HDF5 file layout"): snapshots of v (with the exact
/// u and the score in 1D, heatmaps in 2D) and, when the file has them, the /diagnostics series against log t.
/// Figures whose datasets are absent are skipped; a file from a breakdown gives the figures of what it holds.
/// </summary>
public static class RunFigures
{
    /// <summary>
    /// Writes the figures of <paramref name="h5Path"/> into <paramref name="outDir"/> (created if needed) as
    /// <c>&lt;file name&gt;-&lt;figure&gt;.png</c> and returns their paths in the order written. Throws
    /// <see cref="FileNotFoundException"/> for a missing file and <see cref="InvalidDataException"/> for one that is
    /// not an HDF5 run file.
    /// </summary>
    public static IReadOnlyList<string> Write(string h5Path, string outDir)
    {
        var run = RunFile.Open(h5Path);
        Directory.CreateDirectory(outDir);
        string stem = Path.GetFileNameWithoutExtension(h5Path);
        var written = new List<string>();
        var fields = run.Dimension == 1 ? FieldFigures1D.Write(run, outDir, stem) : FieldFigures2D.Write(run, outDir, stem);
        written.AddRange(fields);
        written.AddRange(DiagnosticFigures.Write(run, outDir, stem));
        return written;
    }

    /// <summary>The default output folder of <paramref name="h5Path"/>: beside it, named &lt;file name&gt;-plots.</summary>
    public static string DefaultOutputDirectory(string h5Path)
    {
        var full = Path.GetFullPath(h5Path);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", Path.GetFileNameWithoutExtension(full) + "-plots");
    }
}
