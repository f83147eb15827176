using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Fields;

/// <summary>
/// Cell averages on a grid, in the grid's C order (see <see cref="Grid"/>). A density's integral is
/// <see cref="Integral"/> = sum v * cell volume.
/// </summary>
public sealed class CellField
{
    public CellField(Grid grid) : this(grid, new double[grid.CellCount]) { }

    public CellField(Grid grid, double[] values)
    {
        if (values.Length != grid.CellCount)
            throw new ArgumentException($"a field on {grid} needs {grid.CellCount} values, not {values.Length}");
        Grid = grid;
        Values = values;
    }

    public Grid Grid { get; }
    public double[] Values { get; }

    public double this[int index]
    {
        get => Values[index];
        set => Values[index] = value;
    }

    /// <summary>sum v * cell volume.</summary>
    public double Integral() => Norms.Sum(Values) * Grid.CellVolume;

    public double Min() => Values.Min();

    public CellField Copy() => new(Grid, (double[])Values.Clone());
}
