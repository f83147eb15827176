using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Fields;

/// <summary>
/// A value per cell face of a grid, one array per direction. <see cref="X"/> holds the x-faces, (nx+1) x ny in C order
/// (face (i, j) is x_{i-1/2} at y_j, between cells (i-1, j) and (i, j)); <see cref="Y"/> holds the y-faces,
/// nx x (ny+1) (face (i, j) is y_{j-1/2} at x_i). In 1D only <see cref="X"/> exists, of length nx+1.
/// Faces on the walls are included; schemes give them zero flux.
/// </summary>
public sealed class FaceField
{
    public FaceField(Grid grid)
    {
        Grid = grid;
        X = LargeArrays.Doubles((grid.Nx + 1) * grid.Ny);
        Y = grid.Dimension == 2 ? LargeArrays.Doubles(grid.Nx * (grid.Ny + 1)) : [];
    }

    public Grid Grid { get; }

    /// <summary>x-faces, index i * ny + j for i in 0..nx, j in 0..ny-1.</summary>
    public double[] X { get; }

    /// <summary>y-faces, index i * (ny + 1) + j for i in 0..nx-1, j in 0..ny (empty in 1D).</summary>
    public double[] Y { get; }
}
