using FokkerPlanckGrid.Grids;
using PureHDF;

namespace FokkerPlanckGrid.IO;

/// <summary>
/// Builds the in-memory description (a PureHDF <see cref="H5File"/>) of a finished run file: root attributes,
/// /grid, /snapshots/t and the extra datasets. The snapshot field datasets are added by <see cref="RunFileWriter"/>.
/// </summary>
internal static class RunFileAssembly
{
    public static H5File Build(RunFileHeader header, string createdUtc, string status, double[] times,
        IReadOnlyList<DatasetEntry> extra)
    {
        var file = new H5File();
        file.Attributes[Hdf5Layout.AttrCase] = header.CaseJson;
        file.Attributes[Hdf5Layout.AttrVersion] = header.Version;
        file.Attributes[Hdf5Layout.AttrCreatedUtc] = createdUtc;
        file.Attributes[Hdf5Layout.AttrDimension] = header.Grid.Dimension;
        file.Attributes[Hdf5Layout.AttrEps] = header.Eps;
        file.Attributes[Hdf5Layout.AttrT] = header.T;
        file.Attributes[Hdf5Layout.AttrTMin] = header.TMin;
        file.Attributes[Hdf5Layout.AttrStatus] = status;

        AddDataset(file, Hdf5Layout.GridX, AxisDataset(header.Grid.X));
        if (header.Grid.Dimension == 2) AddDataset(file, Hdf5Layout.GridY, AxisDataset(header.Grid.Y));
        AddDataset(file, Hdf5Layout.SnapshotsT, new H5Dataset(times, fileDims: [(ulong)times.Length]));

        var reserved = new HashSet<string>
        {
            Hdf5Layout.GridX, Hdf5Layout.GridY, Hdf5Layout.SnapshotsT, Hdf5Layout.SnapshotsV,
            Hdf5Layout.SnapshotsU, Hdf5Layout.SnapshotsScoreX, Hdf5Layout.SnapshotsScoreY,
        };
        foreach (var entry in extra)
        {
            entry.Validate();
            if (!reserved.Add(entry.Path))
                throw new ArgumentException($"dataset {entry.Path} is written by the run file itself or given twice");
            var dataset = new H5Dataset(entry.Data, fileDims: entry.Shape.Select(n => (ulong)n).ToArray());
            if (entry.Attributes is not null)
                foreach (var (name, value) in entry.Attributes) dataset.Attributes[name] = value;
            AddDataset(file, entry.Path, dataset);
        }
        return file;
    }

    private static H5Dataset AxisDataset(Axis axis) => new(axis.Centers())
    {
        Attributes = new()
        {
            [Hdf5Layout.AttrBox] = new[] { axis.Lower, axis.Upper },
            [Hdf5Layout.AttrH] = axis.H,
        },
    };

    /// <summary>Adds <paramref name="dataset"/> at absolute <paramref name="path"/>, creating parent groups.</summary>
    public static void AddDataset(H5Group root, string path, object dataset)
    {
        var parts = path.Trim('/').Split('/');
        var group = root;
        foreach (var name in parts[..^1])
        {
            if (!group.TryGetValue(name, out var child))
            {
                child = new H5Group();
                group[name] = child;
            }
            group = child as H5Group ?? throw new ArgumentException($"dataset path {path}: '{name}' is a dataset, not a group");
        }
        if (group.ContainsKey(parts[^1])) throw new ArgumentException($"dataset {path} is given twice");
        group[parts[^1]] = dataset;
    }
}
