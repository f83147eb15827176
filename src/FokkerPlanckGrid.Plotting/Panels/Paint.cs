using ScottPlot;

namespace FokkerPlanckGrid.Plotting.Panels;

/// <summary>
/// A colour of the house palette, named by role so that callers need no ScottPlot types: <see cref="Categorical"/>
/// for unrelated curves (Category10), <see cref="Ordered"/> for an ordered family such as snapshots from T to t_min
/// (viridis, dark to light), and black, grey, red, white for references, limits and overlays.
/// </summary>
public readonly record struct Paint
{
    private enum Kind { Categorical, Ordered, Black, Gray, Red, White }

    private Kind Which { get; init; }
    private int Index { get; init; }
    private int Of { get; init; }

    /// <summary>Colour <paramref name="k"/> of a family of unrelated curves.</summary>
    public static Paint Categorical(int k) => new() { Which = Kind.Categorical, Index = k };

    /// <summary>Colour <paramref name="k"/> of <paramref name="n"/> in an ordered family.</summary>
    public static Paint Ordered(int k, int n) => new() { Which = Kind.Ordered, Index = k, Of = n };

    public static Paint Black => new() { Which = Kind.Black };
    public static Paint Gray => new() { Which = Kind.Gray };
    public static Paint Red => new() { Which = Kind.Red };
    public static Paint White => new() { Which = Kind.White };

    internal Color ToColor() => Which switch
    {
        Kind.Categorical => FigureStyle.Categorical(Index),
        Kind.Ordered => FigureStyle.Ordered(Index, Of),
        Kind.Gray => Colors.Gray,
        Kind.Red => Colors.Red,
        Kind.White => Colors.White,
        _ => Colors.Black,
    };
}
