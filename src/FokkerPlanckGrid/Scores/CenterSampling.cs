using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Scores;

/// <summary>The score sampled at cell centres (for snapshots and plots), in parallel over x-lines.</summary>
public static class CenterSampling
{
    /// <summary>Writes s_x (and s_y in 2D) at every cell centre; <paramref name="scoreY"/> is ignored in 1D.</summary>
    public static void Sample(IScore score, Grid grid, double t, double[] scoreX, double[] scoreY)
    {
        int ny = grid.Ny, dim = grid.Dimension;
        Parallel.For(0, grid.Nx, i =>
        {
            Span<double> x = stackalloc double[2];
            Span<double> s = stackalloc double[2];
            x[0] = grid.X.Center(i);
            for (int j = 0; j < ny; j++)
            {
                if (dim == 2) x[1] = grid.Y.Center(j);
                score.Evaluate(x[..dim], t, s[..dim]);
                scoreX[i * ny + j] = s[0];
                if (dim == 2) scoreY[i * ny + j] = s[1];
            }
        });
    }
}
