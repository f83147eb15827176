using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Scores;

/// <summary>
/// Fills a <see cref="FaceField"/> from a pointwise score, in parallel over grid lines. The generic path for scores
/// without a faster face kernel; each face is evaluated once (in 2D the unused component of s is discarded).
/// </summary>
public static class PointwiseFaces
{
    public static void Fill(IScore score, Grid grid, double t, FaceField faces)
    {
        if (grid.Dimension == 1)
        {
            var xs = faces.X;
            Parallel.For(0, ParallelLines.BlockCount(xs.Length, 256), block =>
            {
                Span<double> x = stackalloc double[1];
                Span<double> s = stackalloc double[1];
                var (start, end) = ParallelLines.Block(block, xs.Length, 256);
                for (int i = start; i < end; i++)
                {
                    x[0] = grid.X.Face(i);
                    score.Evaluate(x, t, s);
                    xs[i] = s[0];
                }
            });
            return;
        }
        int nx = grid.Nx, ny = grid.Ny;
        var fx = faces.X;
        var fy = faces.Y;
        // x-faces: lines i = 0..nx; y-faces: lines i = 0..nx-1
        Parallel.For(0, 2 * nx + 1, line =>
        {
            Span<double> x = stackalloc double[2];
            Span<double> s = stackalloc double[2];
            if (line <= nx)
            {
                int i = line;
                x[0] = grid.X.Face(i);
                for (int j = 0; j < ny; j++)
                {
                    x[1] = grid.Y.Center(j);
                    score.Evaluate(x, t, s);
                    fx[i * ny + j] = s[0];
                }
            }
            else
            {
                int i = line - nx - 1;
                x[0] = grid.X.Center(i);
                for (int j = 0; j <= ny; j++)
                {
                    x[1] = grid.Y.Face(j);
                    score.Evaluate(x, t, s);
                    fy[i * (ny + 1) + j] = s[1];
                }
            }
        });
    }
}
