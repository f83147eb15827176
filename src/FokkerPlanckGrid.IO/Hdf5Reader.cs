using PureHDF;
using PureHDF.Selections;

namespace FokkerPlanckGrid.IO;

/// <summary>
/// Small read helpers over PureHDF for run files and input files (tabulated scores <c>/t</c> [M] and <c>/score</c>
/// [M, nx] or [M, nx, ny, 2], terminal data, samples [n, d]). Data come back as flat C-order arrays with their shape.
/// A missing file raises <see cref="FileNotFoundException"/>; a missing dataset or attribute raises
/// <see cref="KeyNotFoundException"/> whose message names the file and the path.
/// </summary>
public static class Hdf5Reader
{
    /// <summary>Reads a whole numeric dataset (float or integer) as doubles, with its shape ([] for a scalar).</summary>
    public static (double[] Data, int[] Shape) ReadDoubles(string file, string path)
    {
        using var h5 = Open(file);
        var dataset = Dataset(h5, file, path);
        return (ReadAsDoubles(dataset, file, path, selection: null), Shape(dataset));
    }

    /// <summary>
    /// Reads slice <paramref name="index"/> along the first dimension (e.g. one snapshot of /snapshots/v) without
    /// loading the rest; the shape returned is the trailing dimensions.
    /// </summary>
    public static (double[] Data, int[] Shape) ReadSlice(string file, string path, int index)
    {
        using var h5 = Open(file);
        var dataset = Dataset(h5, file, path);
        var shape = Shape(dataset);
        if (shape.Length == 0 || (uint)index >= (uint)shape[0])
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"{file}: {path} has shape [{string.Join(", ", shape)}]");
        var starts = new ulong[shape.Length];
        starts[0] = (ulong)index;
        var blocks = shape.Select(n => (ulong)n).ToArray();
        blocks[0] = 1;
        var data = ReadAsDoubles(dataset, file, path, new HyperslabSelection(shape.Length, starts, blocks));
        return (data, shape[1..]);
    }

    /// <summary>Reads a whole integer dataset as longs (e.g. a seed or counts).</summary>
    public static (long[] Data, int[] Shape) ReadInt64s(string file, string path)
    {
        using var h5 = Open(file);
        var dataset = Dataset(h5, file, path);
        if (dataset.Type.Class != H5DataTypeClass.FixedPoint)
            throw new InvalidDataException($"{file}: {path} is {dataset.Type.Class}, not an integer dataset");
        var data = dataset.Type.Size switch
        {
            8 => dataset.Read<long[]>(),
            4 => Array.ConvertAll(dataset.Read<int[]>(), x => (long)x),
            _ => throw new InvalidDataException($"{file}: {path} has {dataset.Type.Size}-byte integers"),
        };
        return (data, Shape(dataset));
    }

    /// <summary>The dimensions of a dataset without reading it.</summary>
    public static int[] ReadShape(string file, string path)
    {
        using var h5 = Open(file);
        return Shape(Dataset(h5, file, path));
    }

    /// <summary>A string attribute of the object at <paramref name="objectPath"/> ("/" for the root).</summary>
    public static string ReadAttributeString(string file, string objectPath, string name)
    {
        using var h5 = Open(file);
        var attribute = Attribute(h5, file, objectPath, name);
        // variable-length strings have class VariableLength in HDF5, fixed-length ones class String
        if (attribute.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
            throw new InvalidDataException($"{file}: attribute {name} of {objectPath} is {attribute.Type.Class}, not a string");
        return attribute.Read<string>();
    }

    /// <summary>A numeric scalar attribute (float or integer) as a double.</summary>
    public static double ReadAttributeDouble(string file, string objectPath, string name)
    {
        var values = ReadAttributeDoubles(file, objectPath, name);
        if (values.Length != 1)
            throw new InvalidDataException($"{file}: attribute {name} of {objectPath} has {values.Length} values, not 1");
        return values[0];
    }

    /// <summary>A numeric attribute (scalar or array, float or integer) as doubles, e.g. an axis <c>box</c>.</summary>
    public static double[] ReadAttributeDoubles(string file, string objectPath, string name)
    {
        using var h5 = Open(file);
        var attribute = Attribute(h5, file, objectPath, name);
        var type = attribute.Type;
        return (type.Class, type.Size) switch
        {
            (H5DataTypeClass.FloatingPoint, 8) => attribute.Read<double[]>(),
            (H5DataTypeClass.FloatingPoint, 4) => Array.ConvertAll(attribute.Read<float[]>(), x => (double)x),
            (H5DataTypeClass.FixedPoint, 8) => Array.ConvertAll(attribute.Read<long[]>(), x => (double)x),
            (H5DataTypeClass.FixedPoint, 4) => Array.ConvertAll(attribute.Read<int[]>(), x => (double)x),
            _ => throw new InvalidDataException(
                $"{file}: attribute {name} of {objectPath} is {type.Class} of size {type.Size}, not numeric"),
        };
    }

    /// <summary>True if <paramref name="path"/> names a dataset in the file.</summary>
    public static bool DatasetExists(string file, string path)
    {
        using var h5 = Open(file);
        return h5.LinkExists(path) && h5.Get(path) is IH5Dataset;
    }

    /// <summary>Absolute paths of every dataset in the file, sorted ordinally.</summary>
    public static IReadOnlyList<string> ListDatasets(string file)
    {
        using var h5 = Open(file);
        var found = new List<string>();
        Walk(h5, "", found);
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static void Walk(IH5Group group, string prefix, List<string> found)
    {
        foreach (var child in group.Children())
        {
            var path = prefix + "/" + child.Name;
            if (child is IH5Dataset) found.Add(path);
            else if (child is IH5Group sub) Walk(sub, path, found);
        }
    }

    private static PureHDF.VOL.Native.NativeFile Open(string file) =>
        File.Exists(file) ? H5File.OpenRead(file) : throw new FileNotFoundException($"no HDF5 file {file}", file);

    private static IH5Dataset Dataset(IH5Group h5, string file, string path) =>
        h5.LinkExists(path) && h5.Get(path) is IH5Dataset d
            ? d
            : throw new KeyNotFoundException($"{file}: no dataset {path}");

    private static IH5Attribute Attribute(IH5Group h5, string file, string objectPath, string name)
    {
        IH5Object target = objectPath is "/" or "" ? h5
            : h5.LinkExists(objectPath) ? h5.Get(objectPath)
            : throw new KeyNotFoundException($"{file}: no object {objectPath}");
        return target.AttributeExists(name)
            ? target.Attribute(name)
            : throw new KeyNotFoundException($"{file}: {objectPath} has no attribute {name}");
    }

    private static int[] Shape(IH5Dataset dataset) => dataset.Space.Dimensions.Select(n => checked((int)n)).ToArray();

    private static double[] ReadAsDoubles(IH5Dataset dataset, string file, string path, Selection? selection)
    {
        var type = dataset.Type;
        return (type.Class, type.Size) switch
        {
            (H5DataTypeClass.FloatingPoint, 8) => dataset.Read<double[]>(fileSelection: selection),
            (H5DataTypeClass.FloatingPoint, 4) => Array.ConvertAll(dataset.Read<float[]>(fileSelection: selection), x => (double)x),
            (H5DataTypeClass.FixedPoint, 8) => Array.ConvertAll(dataset.Read<long[]>(fileSelection: selection), x => (double)x),
            (H5DataTypeClass.FixedPoint, 4) => Array.ConvertAll(dataset.Read<int[]>(fileSelection: selection), x => (double)x),
            _ => throw new InvalidDataException($"{file}: {path} is {type.Class} of size {type.Size}, not numeric"),
        };
    }
}
