using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Tests.Grids;

public class LayeringTests
{
    /// <summary>The core knows nothing of files, consoles or plotting (ARCHITECTURE.md: Core &lt;- IO &lt;- Plotting &lt;- Cli).</summary>
    [Fact]
    public void Core_ReferencesNoIoConsoleOrPlottingAssembly()
    {
        var names = typeof(Grid).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToArray();
        foreach (var forbidden in new[] { "FokkerPlanckGrid.IO", "FokkerPlanckGrid.Plotting", "FokkerPlanckGrid.Cli", "fpgrid",
                     "PureHDF", "Spectre.Console", "ScottPlot", "SkiaSharp", "System.CommandLine", "System.Console" })
            Assert.DoesNotContain(forbidden, names);
    }
}
