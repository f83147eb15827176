using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Tests.Support;
using Xunit.Abstractions;

namespace FokkerPlanckGrid.Tests.Schemes;

public class ReferenceProblemTests(ITestOutputHelper output)
{
    [Fact]
    public void P1a_N1024_ReachesTheImplicitUpwindReferenceError()
    {
        var (err, result, _) = ReferenceProblems.RunHeat(ReferenceProblems.P1Data(), Grid.OnInterval(-15, 15, 1024), 2, 0.05, 200, 0.2);
        output.WriteLine($"P1a N=1024 K=200 eps=0.2: relL1 = {err:G4}, mass drift = {result.Levels.RelativeMassDrift():G3}, min = {result.Levels.MinOverRun():G3}, {result.StepSeconds * 1e3:F1} ms");
        Assert.True(err <= 0.035, $"relL1 = {err}");
        Assert.True(result.Levels.RelativeMassDrift() <= 1e-12);
        Assert.True(result.Levels.MinOverRun() >= 0);
    }

    [Fact]
    public void P2a_N256_ReachesTheImplicitUpwindReferenceError()
    {
        var (err, result, _) = ReferenceProblems.RunHeat(ReferenceProblems.P2Data(), Grid.OnRectangle(-5, 5, 256, -5, 5, 256), 1, 0.02, 100, 0.2);
        output.WriteLine($"P2a N=256 K=100: relL1 = {err:G4}, mass drift = {result.Levels.RelativeMassDrift():G3}, min = {result.Levels.MinOverRun():G3}, {result.StepSeconds * 1e3:F1} ms");
        Assert.True(err <= 0.1196 * 1.001, $"relL1 = {err}");
        Assert.True(result.Levels.RelativeMassDrift() <= 1e-12);
        Assert.True(result.Levels.MinOverRun() >= 0);
    }
}
