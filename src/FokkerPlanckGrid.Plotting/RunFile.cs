using System.Text.Json;
using FokkerPlanckGrid.IO;

namespace FokkerPlanckGrid.Plotting;

/// <summary>
/// What the figures need from a run file (SPEC.md, "HDF5 file layout"), read through <see cref="Hdf5Reader"/> only.
/// Optional datasets are looked up by <see cref="Has"/>; a file from a breakdown (root attribute
/// <c>status = "breakdown"</c>) simply has fewer snapshots and diagnostic levels.
/// </summary>
internal sealed class RunFile
{
    private readonly HashSet<string> _datasets;

    private RunFile(string path, HashSet<string> datasets)
    {
        Path = path;
        _datasets = datasets;
    }

    public string Path { get; }

    /// <summary>The space dimension d (1 or 2).</summary>
    public int Dimension { get; private init; }

    public double T { get; private init; }
    public double TMin { get; private init; }
    public double Eps { get; private init; }

    /// <summary>"complete", "breakdown", or "" when the attribute is absent.</summary>
    public string Status { get; private init; } = "";

    /// <summary>The case name from the <c>case</c> attribute, or the file name.</summary>
    public string Name { get; private init; } = "";

    /// <summary>
    /// The case's forward process (<c>forward</c>: "heat" or "ou"), which names the law v is compared with: the heat
    /// flow u(t), or the Ornstein-Uhlenbeck law w(t) (the /snapshots/u dataset holds whichever it is).
    /// </summary>
    public bool OrnsteinUhlenbeck { get; private init; }

    /// <summary>The compared law's symbol: "u" (heat flow) or "w" (Ornstein-Uhlenbeck).</summary>
    public string Law => OrnsteinUhlenbeck ? "w" : "u";

    /// <summary>How figure titles name the compared law.</summary>
    public string LawDescription => OrnsteinUhlenbeck ? "exact OU law w(x, t)" : "exact heat flow u(x, t)";

    /// <summary>Cell centres along x and (2D) y.</summary>
    public double[] X { get; private init; } = [];
    public double[] Y { get; private init; } = [];

    /// <summary>[lower, upper] of each axis (cell edges), from the axis attribute <c>box</c>.</summary>
    public (double Lower, double Upper) BoxX { get; private init; }
    public (double Lower, double Upper) BoxY { get; private init; }

    /// <summary>Snapshot times, from T down to t_min (fewer after a breakdown).</summary>
    public double[] SnapshotTimes { get; private init; } = [];

    /// <summary>The data points of a <c>dirac-mixture</c> case (each of length d), else empty.</summary>
    public IReadOnlyList<double[]> DataPoints { get; private init; } = [];

    public bool IsBreakdown => Status == Hdf5Layout.StatusBreakdown;

    /// <summary>True if the file holds the dataset at <paramref name="path"/>.</summary>
    public bool Has(string path) => _datasets.Contains(path);

    /// <summary>A whole dataset as doubles with its shape.</summary>
    public (double[] Data, int[] Shape) Read(string path) => Hdf5Reader.ReadDoubles(Path, path);

    /// <summary>Snapshot <paramref name="index"/> of a field dataset such as /snapshots/v, flat C order.</summary>
    public double[] Snapshot(string path, int index) => Hdf5Reader.ReadSlice(Path, path, index).Data;

    /// <summary>
    /// Opens <paramref name="path"/> as a run file. Throws <see cref="FileNotFoundException"/> if it does not exist and
    /// <see cref="InvalidDataException"/> (one line naming the file) if it is not HDF5 or not a run file.
    /// </summary>
    public static RunFile Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no file {path}", path);
        IReadOnlyList<string> datasets;
        try
        {
            datasets = Hdf5Reader.ListDatasets(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path} is not an HDF5 file ({e.GetType().Name}: {FirstLine(e.Message)})", e);
        }
        var set = new HashSet<string>(datasets, StringComparer.Ordinal);
        foreach (var required in new[] { Hdf5Layout.GridX, Hdf5Layout.SnapshotsT })
            if (!set.Contains(required))
                throw new InvalidDataException($"{path} is not a FokkerPlanckGrid run file (no dataset {required})");
        try
        {
            int d = (int)Hdf5Reader.ReadAttributeDouble(path, "/", Hdf5Layout.AttrDimension);
            if (d is not (1 or 2)) throw new InvalidDataException($"{path}: attribute dimension = {d}, expected 1 or 2");
            string caseJson = TryString(path, Hdf5Layout.AttrCase) ?? "";
            var x = Hdf5Reader.ReadDoubles(path, Hdf5Layout.GridX).Data;
            double[] y = d == 2 ? Hdf5Reader.ReadDoubles(path, Hdf5Layout.GridY).Data : [];
            return new RunFile(path, set)
            {
                Dimension = d,
                T = Hdf5Reader.ReadAttributeDouble(path, "/", Hdf5Layout.AttrT),
                TMin = Hdf5Reader.ReadAttributeDouble(path, "/", Hdf5Layout.AttrTMin),
                Eps = Hdf5Reader.ReadAttributeDouble(path, "/", Hdf5Layout.AttrEps),
                Status = TryString(path, Hdf5Layout.AttrStatus) ?? "",
                Name = CaseName(caseJson) ?? System.IO.Path.GetFileNameWithoutExtension(path),
                OrnsteinUhlenbeck = CaseString(caseJson, "forward") == "ou",
                X = x,
                Y = y,
                BoxX = Box(path, Hdf5Layout.GridX, x),
                BoxY = d == 2 ? Box(path, Hdf5Layout.GridY, y) : default,
                SnapshotTimes = Hdf5Reader.ReadDoubles(path, Hdf5Layout.SnapshotsT).Data,
                DataPoints = DiracPoints(caseJson, d),
            };
        }
        catch (KeyNotFoundException e)
        {
            throw new InvalidDataException($"{path} is not a FokkerPlanckGrid run file ({e.Message})", e);
        }
    }

    private static string? TryString(string path, string name)
    {
        try { return Hdf5Reader.ReadAttributeString(path, "/", name); }
        catch (KeyNotFoundException) { return null; }
        catch (InvalidDataException) { return null; }
    }

    /// <summary>The axis box attribute, or the centres padded by half a cell when it is missing.</summary>
    private static (double, double) Box(string path, string axis, double[] centres)
    {
        try
        {
            var box = Hdf5Reader.ReadAttributeDoubles(path, axis, Hdf5Layout.AttrBox);
            if (box.Length == 2) return (box[0], box[1]);
        }
        catch (KeyNotFoundException) { }
        double h = centres.Length > 1 ? centres[1] - centres[0] : 1;
        return (centres[0] - h / 2, centres[^1] + h / 2);
    }

    private static string? CaseName(string caseJson) => CaseString(caseJson, "name");

    /// <summary>A top-level string of the resolved case, or null.</summary>
    private static string? CaseString(string caseJson, string key)
    {
        if (Parse(caseJson) is not { } doc) return null;
        using (doc)
            return doc.RootElement.ValueKind == JsonValueKind.Object
                   && doc.RootElement.TryGetProperty(key, out var n) && n.ValueKind == JsonValueKind.String
                ? n.GetString()
                : null;
    }

    /// <summary><c>data.points</c> of the resolved case when <c>data.kind</c> is <c>dirac-mixture</c>.</summary>
    private static IReadOnlyList<double[]> DiracPoints(string caseJson, int d)
    {
        if (Parse(caseJson) is not { } doc) return [];
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String
                || kind.GetString() != "dirac-mixture"
                || !data.TryGetProperty("points", out var points) || points.ValueKind != JsonValueKind.Array)
                return [];
            var result = new List<double[]>();
            foreach (var p in points.EnumerateArray())
            {
                if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() != d) return [];
                var coords = new double[d];
                int k = 0;
                foreach (var c in p.EnumerateArray())
                {
                    if (c.ValueKind != JsonValueKind.Number) return [];
                    coords[k++] = c.GetDouble();
                }
                result.Add(coords);
            }
            return result;
        }
    }

    private static JsonDocument? Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
        }
        catch (JsonException) { return null; }
    }

    private static string FirstLine(string s) => s.ReplaceLineEndings(" ").Trim();
}
