namespace FokkerPlanckGrid.Grids;

/// <summary>
/// A uniform cell-centred grid on a box in 1 or 2 dimensions. Cell fields are stored in C order:
/// in 2D cell (i, j), i along x and j along y, is element i * ny + j, so lines of constant i (along y) are contiguous.
/// </summary>
public sealed class Grid
{
    private readonly Axis[] _axes;

    public Grid(params Axis[] axes)
    {
        if (axes.Length is < 1 or > 2) throw new ArgumentException("a grid has 1 or 2 axes", nameof(axes));
        _axes = (Axis[])axes.Clone();
        CellCount = 1;
        CellVolume = 1;
        foreach (var a in _axes)
        {
            CellCount = checked(CellCount * a.Cells);
            CellVolume *= a.H;
        }
    }

    /// <summary>A 1D grid of <paramref name="cells"/> cells on [lower, upper].</summary>
    public static Grid OnInterval(double lower, double upper, int cells) => new(new Axis(lower, upper, cells));

    /// <summary>A 2D grid on [xLower, xUpper] x [yLower, yUpper].</summary>
    public static Grid OnRectangle(double xLower, double xUpper, int nx, double yLower, double yUpper, int ny) =>
        new(new Axis(xLower, xUpper, nx), new Axis(yLower, yUpper, ny));

    public int Dimension => _axes.Length;
    public IReadOnlyList<Axis> Axes => _axes;
    public Axis X => _axes[0];

    /// <summary>The y axis; only in 2D.</summary>
    public Axis Y => Dimension == 2 ? _axes[1] : throw new InvalidOperationException("a 1D grid has no y axis");

    /// <summary>Number of cells along y (1 for a 1D grid), the stride of the x index.</summary>
    public int Ny => Dimension == 2 ? _axes[1].Cells : 1;

    public int Nx => _axes[0].Cells;
    public int CellCount { get; }

    /// <summary>Cell volume (h in 1D, hx hy in 2D): the weight of a cell average in an integral.</summary>
    public double CellVolume { get; }

    /// <summary>Writes the centre of cell <paramref name="index"/> (flat index) into <paramref name="x"/>.</summary>
    public void CenterOf(int index, Span<double> x)
    {
        if (Dimension == 1) { x[0] = X.Center(index); return; }
        int i = index / Ny, j = index - i * Ny;
        x[0] = X.Center(i);
        x[1] = _axes[1].Center(j);
    }

    public bool Contains(ReadOnlySpan<double> x)
    {
        for (int d = 0; d < Dimension; d++)
            if (x[d] < _axes[d].Lower || x[d] > _axes[d].Upper) return false;
        return true;
    }

    public override string ToString() => Dimension == 1 ? $"{X}" : $"{X} x {Y}";
}
