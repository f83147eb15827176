namespace FokkerPlanckGrid.Grids;

/// <summary>
/// A uniform cell-centred partition of the interval [<see cref="Lower"/>, <see cref="Upper"/>] into
/// <see cref="Cells"/> cells of width <see cref="H"/>. Cell i is [Face(i), Face(i+1)], its centre Center(i);
/// faces are numbered 0..Cells, face i sits at x_{i-1/2} (see Grids/README.md for the picture).
/// </summary>
public sealed class Axis
{
    public Axis(double lower, double upper, int cells)
    {
        if (!(upper > lower) || !double.IsFinite(lower) || !double.IsFinite(upper))
            throw new ArgumentException($"axis [{lower}, {upper}] must be a finite interval with lower < upper");
        if (cells < 2) throw new ArgumentOutOfRangeException(nameof(cells), cells, "an axis needs at least 2 cells");
        Lower = lower;
        Upper = upper;
        Cells = cells;
        H = (upper - lower) / cells;
    }

    public double Lower { get; }
    public double Upper { get; }
    public int Cells { get; }

    /// <summary>Cell width h = (Upper - Lower) / Cells.</summary>
    public double H { get; }

    public double Length => Upper - Lower;

    /// <summary>Centre of cell i, x_i = Lower + (i + 1/2) h.</summary>
    public double Center(int i) => Lower + (i + 0.5) * H;

    /// <summary>Face i, x_{i-1/2} = Lower + i h, for i in 0..Cells (0 and Cells are the walls).</summary>
    public double Face(int i) => i == Cells ? Upper : Lower + i * H;

    public double[] Centers()
    {
        var c = new double[Cells];
        for (int i = 0; i < Cells; i++) c[i] = Center(i);
        return c;
    }

    public double[] Faces()
    {
        var f = new double[Cells + 1];
        for (int i = 0; i <= Cells; i++) f[i] = Face(i);
        return f;
    }

    /// <summary>The cell containing x, clamped to the axis.</summary>
    public int CellOf(double x) => Math.Clamp((int)Math.Floor((x - Lower) / H), 0, Cells - 1);

    public override string ToString() => $"[{Lower}, {Upper}] / {Cells}";
}
