namespace FokkerPlanckGrid.IO;

/// <summary>
/// A whole dataset to write at the end of a run, e.g. <c>/diagnostics/lp_norm</c> of shape [K+1, P].
/// <see cref="Data"/> is a flat C-order array of double, int or long; the product of <see cref="Shape"/>
/// must equal its length. A double[] converts implicitly, so <c>new DatasetEntry(path, masses, [k + 1])</c> works.
/// </summary>
/// <param name="Path">Absolute dataset path (see <see cref="Hdf5Layout"/>); parent groups are created as needed.</param>
/// <param name="Data">Flat C-order data: double[], int[] or long[].</param>
/// <param name="Shape">Dimensions, e.g. [K+1] or [K+1, P].</param>
public sealed record DatasetEntry(string Path, Array Data, int[] Shape)
{
    /// <summary>Attributes to attach to the dataset (e.g. <c>seed</c>, <c>stride</c>): scalars, strings or arrays.</summary>
    public IReadOnlyDictionary<string, object>? Attributes { get; init; }

    /// <summary>A one-dimensional dataset of its data's length.</summary>
    public static DatasetEntry Vector(string path, Array data) => new(path, data, [data.Length]);

    /// <summary>Throws <see cref="ArgumentException"/> unless path, element type and shape agree.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Path) || Path[0] != '/' || Path.EndsWith('/'))
            throw new ArgumentException($"dataset path '{Path}' must be absolute, like /diagnostics/mass");
        if (Data is not (double[] or int[] or long[]))
            throw new ArgumentException($"dataset {Path}: data must be double[], int[] or long[], not {Data.GetType().Name}");
        long count = 1;
        foreach (int n in Shape)
        {
            if (n < 0) throw new ArgumentException($"dataset {Path}: negative dimension in shape [{string.Join(", ", Shape)}]");
            count *= n;
        }
        if (Shape.Length == 0 || count != Data.Length)
            throw new ArgumentException(
                $"dataset {Path}: shape [{string.Join(", ", Shape)}] does not match {Data.Length} elements");
    }
}
