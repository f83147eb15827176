using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Schemes;

namespace FokkerPlanckGrid.Tests.Schemes;

public class CourantTests
{
    /// <summary>
    /// The Courant number a split step reports (from the face kernel's own extrema, or from a pass over the faces) is
    /// max over interior faces of |b| dtau / h, b = (1+eps) s, both directions at the full dtau.
    /// </summary>
    [Theory]
    [InlineData(false, TransportKind.Upwind)]
    [InlineData(true, TransportKind.Upwind)]
    [InlineData(false, TransportKind.ScharfetterGummel)]
    public void SplitStep_ReportsTheCourantNumberOfItsInteriorFaces(bool strang, TransportKind transport)
    {
        var data = new DiracMixture([[-1.0, 0.5], [2.0, -1.0], [0.0, 0.0]], [0.2, 0.3, 0.5]);
        var grid = Grid.OnRectangle(-4, 5, 37, -5, 4, 29);
        double eps = 0.3, t = 0.07, dtau = 0.01;
        var stepper = CaseBuilder.StepperOf(new SchemeSpec(transport, strang ? SplittingKind.Strang : SplittingKind.Lie),
            new BackwardFokkerPlanck(CaseBuilder.Exact(data), eps), grid);
        stepper.Prepare(t, dtau);
        int nx = grid.Nx, ny = grid.Ny;
        double sx = Norms.MaxAbs(stepper.FaceScores.X.AsSpan(ny, (nx - 1) * ny));
        double sy = 0;
        for (int i = 0; i < nx; i++) sy = Math.Max(sy, Norms.MaxAbs(stepper.FaceScores.Y.AsSpan(i * (ny + 1) + 1, ny - 1)));
        double expected = Math.Max(sx * (1 + eps) * dtau / grid.X.H, sy * (1 + eps) * dtau / grid.Y.H);
        Assert.Equal(expected, stepper.Courant, 12);
    }
}
