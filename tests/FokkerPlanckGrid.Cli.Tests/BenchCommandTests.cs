using System.Text.Json;
using FokkerPlanckGrid.Cli.Running;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>
/// `fpgrid bench`: what it measures and what it writes, never how fast (speed is the benchmark's own output, not a
/// test's verdict). The time loops allocate nothing — an exact property, checked on small grids; the JSON report has
/// the rows and keys the issue and SPEC name. The allocation count is process-wide (the step's workers are other
/// threads), so these tests run alone (<see cref="AloneCollection"/>): other tests running beside them would count,
/// and the test host's own threads still allocate now and then, so only short loops are held to zero.
/// </summary>
[Collection(AloneCollection.Name)]
public class BenchCommandTests
{
    [Theory]
    [InlineData(32, 2, 1)]
    [InlineData(32, 2, 2)]
    [InlineData(40, 10, 2)]   // not a multiple of the strip width or of the row blocks
    public void SplitStep_AllocatesNothingPerStep(int n, int points, int threads)
    {
        // short loops, best of five: the count is process-wide, so a stray allocation elsewhere would have to land in
        // every one of five windows of a few microseconds to show
        var result = Benchmarks.SplitStep(n, points, threads, steps: 6, repeats: 5);
        Assert.Equal("2d-split-step", result.Name);
        Assert.Equal([n, n], result.Cells);
        Assert.Equal(0, result.AllocatedBytesPerStep);
        Assert.True(result.BestSecondsPerStep > 0);
    }

    [Fact]
    public void Run1D_AllocatesNothingPerStep()
    {
        var result = Benchmarks.Run1D(512, 20, 5);
        Assert.Equal("1d-run", result.Name);
        Assert.Equal(0, result.AllocatedBytesPerStep);
    }

    [Fact]
    public void Quick_WritesTheJsonRowsOfTheIssue()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bench.json");
        var r = Cli.Run("bench", "--quick", "--json", path);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Contains("fpgrid bench", r.Stdout);
        Assert.False(File.Exists(path + ".tmp"));
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var rows = doc.RootElement.GetProperty("results").EnumerateArray().ToArray();

        var split = rows.Where(e => e.GetProperty("name").GetString() == "2d-split-step").ToArray();
        Assert.Equal([256, 1024, 2048], split.Select(e => e.GetProperty("cells")[0].GetInt32()));
        foreach (var row in split)
        {
            Assert.Equal(row.GetProperty("cells")[0].GetInt32(), row.GetProperty("cells")[1].GetInt32());
            Assert.Equal(Environment.ProcessorCount, row.GetProperty("threads").GetInt32());
            Assert.Equal(2, row.GetProperty("score_points").GetInt32());
            Assert.True(row.GetProperty("cells_steps_per_s").GetDouble() >= row.GetProperty("cells_steps_per_s_median").GetDouble());
            // present; its value is checked on the loops themselves above: in a test host other threads allocate
            // during a 60-step timing (the same rows read 0 from the command line, validation/BENCHMARKS.md)
            Assert.True(row.GetProperty("allocated_bytes_per_step").GetDouble() >= 0);
        }

        var run1D = Assert.Single(rows, e => e.GetProperty("name").GetString() == "1d-run");
        Assert.Equal(4096, run1D.GetProperty("cells")[0].GetInt32());
        Assert.Equal(1, run1D.GetProperty("threads").GetInt32());
        Assert.Equal(3, run1D.GetProperty("score_points").GetInt32());
        Assert.True(run1D.GetProperty("seconds").GetDouble() > 0);

        var particles = Assert.Single(rows, e => e.GetProperty("name").GetString() == "particles");
        Assert.True(particles.GetProperty("particle_steps_per_s").GetDouble() > 0);
    }
}

/// <summary>Tests that must not share the process with others while they run (process-wide counters).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
