using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.IO;
using FokkerPlanckGrid.IO.CaseFiles;

namespace FokkerPlanckGrid.Cli.Running;

/// <summary>
/// Reads a case (a file, or the embedded default), applies `--set` overrides and `--out`, and loads the tables that
/// file-backed keys point to (samples, a grid-file score, a terminal field), so that everything the run needs is in
/// memory and checked before anything is written.
/// </summary>
public static class CaseInputs
{
    public static ParsedCase Load(string? casePath, IReadOnlyList<string> overrides, string? outPath)
    {
        var sets = overrides.ToList();
        if (outPath is not null) sets.Add($"output.path={System.Text.Json.JsonSerializer.Serialize(outPath)}");
        var parsed = casePath is null
            ? CaseFile.Parse(CaseFile.DefaultJson, sets, "(default case)")
            : CaseFile.Load(casePath, sets);
        var baseDir = casePath is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(casePath))!;
        CheckOutputPath(parsed.Case.Output.Path);
        return parsed with { Case = LoadTables(parsed.Case, baseDir) };
    }

    /// <summary>
    /// An output path that names a folder, or lies under a file, cannot be written: say so now, not with an I/O
    /// exception after the run (the file is moved under its final name only at the end).
    /// </summary>
    public static void CheckOutputPath(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CaseInputException("output.path", path, "must be a valid file path");
        }
        if (Directory.Exists(full)) throw new CaseInputException("output.path", path, "is a folder; must be a file path");
        for (var dir = Path.GetDirectoryName(full); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(dir)) break;
            if (File.Exists(dir)) throw new CaseInputException("output.path", path, $"{dir} is a file, not a folder");
        }
    }

    /// <summary>Resolves file references relative to the case file's folder and reads them.</summary>
    public static Case LoadTables(Case c, string baseDir)
    {
        string Resolve(string file) => Path.IsPathRooted(file) ? file : Path.Combine(baseDir, file);
        var data = LoadData(c.Data, "data", Resolve);
        var score = c.Score switch
        {
            GridFileScoreSpec f => f with
            {
                Times = Read(Resolve(f.File), "/t", "score.file").Data,
                Values = ReadScoreTable(Resolve(f.File), f, c),
            },
            MixedScoreSpec m => m with { First = LoadData(m.First, "score.first", Resolve), Second = LoadData(m.Second, "score.second", Resolve) },
            var s => s,
        };
        var terminal = c.Terminal switch
        {
            FileTerminalSpec f => f with { Values = Read(Resolve(f.File), f.Dataset, "terminal.dataset").Data },
            var t => t,
        };
        return c with { Data = data, Score = score, Terminal = terminal };
    }

    private static double[] ReadScoreTable(string file, GridFileScoreSpec f, Case c)
    {
        var (data, shape) = Read(file, f.Dataset, "score.dataset");
        var times = Read(file, "/t", "score.file").Data;
        int[] expected = c.Dimension == 1 ? [times.Length, c.Grid.Cells[0]] : [times.Length, c.Grid.Cells[0], c.Grid.Cells[1], 2];
        if (!shape.SequenceEqual(expected))
            throw new CaseInputException("score.dataset", $"{f.Dataset} of shape [{string.Join(", ", shape)}]",
                $"must have shape [{string.Join(", ", expected)}] (times x this grid's cells{(c.Dimension == 2 ? " x 2" : "")})");
        return data;
    }

    private static DataSpec LoadData(DataSpec spec, string key, Func<string, string> resolve)
    {
        if (spec is not SamplesSpec { File: not null, Points: null } s) return spec;
        var (data, shape) = Read(resolve(s.File), s.Dataset ?? "/samples", $"{key}.dataset");
        if (shape.Length != 2 || shape[1] is < 1 or > 2 || shape[0] < 1)
            throw new CaseInputException($"{key}.dataset", $"shape [{string.Join(", ", shape)}]", "must be [n, d] with n >= 1 and d = 1 or 2");
        var points = new double[shape[0]][];
        for (int n = 0; n < shape[0]; n++) points[n] = data.AsSpan(n * shape[1], shape[1]).ToArray();
        return s with { Points = points };
    }

    private static (double[] Data, int[] Shape) Read(string file, string dataset, string key)
    {
        if (!File.Exists(file)) throw new CaseInputException(key, file, "the file does not exist");
        try
        {
            return Hdf5Reader.ReadDoubles(file, dataset);
        }
        catch (Exception e) when (e is not CaseInputException)
        {
            throw new CaseInputException(key, $"{file}:{dataset}", $"cannot be read as a float64 dataset ({e.Message.Split('\n')[0]})");
        }
    }
}
