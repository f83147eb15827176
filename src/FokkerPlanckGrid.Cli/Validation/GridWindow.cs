using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Plotting.Panels;

namespace FokkerPlanckGrid.Cli.Validation;

/// <summary>
/// The cells [I0, I1) x [J0, J1) of a 2D grid: the part of a field a study draws. <see cref="Cut"/> copies a field's
/// window out in the grid's C order, <see cref="Image"/> and the corner coordinates place it on the axes.
/// </summary>
public sealed record GridWindow(Grid Grid, int I0, int I1, int J0, int J1)
{
    public int Nx => I1 - I0;
    public int Ny => J1 - J0;
    public double X0 => Grid.X.Face(I0);
    public double X1 => Grid.X.Face(I1);
    public double Y0 => Grid.Y.Face(J0);
    public double Y1 => Grid.Y.Face(J1);

    /// <summary>The whole cells covering [x0, x1] x [y0, y1]; the whole axis where the range holds fewer than two cells.</summary>
    public static GridWindow Of(Grid grid, double x0, double x1, double y0, double y1)
    {
        var (i0, i1) = Range(grid.X, x0, x1);
        var (j0, j1) = Range(grid.Y, y0, y1);
        return new GridWindow(grid, i0, i1, j0, j1);
    }

    /// <summary>The window's values of a cell field, times <paramref name="scale"/>: Nx * Ny entries, C order.</summary>
    public double[] Cut(IReadOnlyList<double> field, double scale = 1)
    {
        var cut = new double[Nx * Ny];
        for (int i = 0; i < Nx; i++)
            for (int j = 0; j < Ny; j++) cut[i * Ny + j] = field[(I0 + i) * Grid.Ny + J0 + j] * scale;
        return cut;
    }

    /// <summary>A cut field (<see cref="Cut"/>) drawn over the window.</summary>
    public FieldImage Image(double[] cut, string label) => new(cut, Nx, Ny, X0, X1, Y0, Y1, label);

    /// <summary>Level line of a cut field over the window.</summary>
    public LevelLine Level(double[] cut, double level, string? legend, Paint color, Stroke stroke, float width) =>
        new(cut, Nx, Ny, X0, X1, Y0, Y1, level, legend, color, stroke, width);

    private static (int From, int To) Range(Axis axis, double lo, double hi)
    {
        int from = axis.CellOf(lo), to = axis.CellOf(hi) + 1;
        return to - from >= 2 ? (from, to) : (0, axis.Cells);
    }
}
