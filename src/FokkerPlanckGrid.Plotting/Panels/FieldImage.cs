namespace FokkerPlanckGrid.Plotting.Panels;

/// <summary>
/// A 2D cell field drawn as an image over [X0, X1] x [Y0, Y1]: <see cref="Values"/> in the grid's C order (cell (i, j),
/// i along x, is element i * Ny + j), y increasing upwards. <see cref="Categories"/> &gt; 0 draws integer labels
/// 0..Categories-1 in light categorical colours (NaN or negative: white), otherwise a viridis map with a colour bar
/// labelled <see cref="Label"/> (log10 of the values when <see cref="Log10"/>, zeros and negatives shown as the lowest colour).
/// </summary>
public sealed record FieldImage(double[] Values, int Nx, int Ny, double X0, double X1, double Y0, double Y1, string Label,
    bool Log10 = false, int Categories = 0);
