using System.Text.Json;
using FokkerPlanckGrid.IO;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>
/// `fpgrid sample` end to end: the SPEC /particles layout and the summary, bit-identical end points at one and two
/// threads, bad input (exit 2, nothing written), a particle breakdown (exit 3); and `fpgrid verify` on a case with
/// a particles block (Theorem 3.11's checks, the Monte Carlo comparison, the particles in the run file).
/// </summary>
public class SampleCommandTests
{
    private static readonly string[] Small = ["--set", "particles.steps=40", "--set", "particles.store=11"];

    /// <summary>The default case (1D), 5000 particles: more than the 4096 stored, so every second one is (stride 2).</summary>
    [Fact]
    public void Sample_WritesTheParticlesLayout_AndEndsWithTheSummary()
    {
        using var dir = new TempDirectory();
        string h5 = dir.File("p.h5");
        var result = Cli.Run(["sample", "--particles", "5000", "--seed", "3", "--out", h5, .. Small]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Stdout + result.Stderr);
        Assert.Equal([11], Hdf5Reader.ReadShape(h5, Hdf5Layout.ParticlesT));
        Assert.Equal([11, 2500, 1], Hdf5Reader.ReadShape(h5, Hdf5Layout.ParticlesX));
        Assert.Equal([5000, 1], Hdf5Reader.ReadShape(h5, Hdf5Layout.ParticlesEnd));
        Assert.Equal(2, Hdf5Reader.ReadAttributeDouble(h5, Hdf5Layout.ParticlesX, Hdf5Layout.AttrStride));
        Assert.Equal(3, Hdf5Reader.ReadAttributeDouble(h5, Hdf5Layout.ParticlesEnd, Hdf5Layout.AttrSeed));
        Assert.Equal("complete", RunFileAssert.Status(h5));
        var t = Hdf5Reader.ReadDoubles(h5, Hdf5Layout.ParticlesT).Data;
        Assert.Equal(2.0, t[0]);
        Assert.Equal(0.05, t[^1]);
        // stored particle k is particle 2k: its last stored position is its end point
        var x = Hdf5Reader.ReadDoubles(h5, Hdf5Layout.ParticlesX).Data;
        var end = Hdf5Reader.ReadDoubles(h5, Hdf5Layout.ParticlesEnd).Data;
        Assert.Equal(end[2 * 7], x[10 * 2500 + 7]);
        foreach (var row in new[] { "particle-steps/s", "exact-mean-shift, eps = 0.2", "5000 from v_T (heat), seed 3", "fraction within 0.5", h5 })
            Assert.Contains(row, result.Stdout);
        RunFileAssert.NoTemporaries(h5);
    }

    [Fact]
    public void Sample_SameSeed_GivesTheSameBits_AtOneAndTwoThreads_AndAnotherSeedDoesNot()
    {
        using var dir = new TempDirectory();
        var ends = new List<double[]>();
        foreach (var (threads, seed) in new[] { (1, 5), (2, 5), (2, 6) })
        {
            string h5 = dir.File($"p{threads}-{seed}.h5");
            var result = Cli.Run(["sample", "--particles", "700", "--seed", $"{seed}", "--threads", $"{threads}", "--out", h5,
                "--set", "particles.method=heun", .. Small]);
            Assert.True(result.ExitCode == ExitCodes.Success, result.Stdout + result.Stderr);
            ends.Add(Hdf5Reader.ReadDoubles(h5, Hdf5Layout.ParticlesEnd).Data);
        }
        Assert.Equal(ends[0], ends[1]);
        Assert.NotEqual(ends[0], ends[2]);
    }

    private const string Grid2D = "grid={\"box\": [[-5, 5], [-5, 5]], \"cells\": [32, 32]}";

    /// <summary>Every kind of data, score and start runs: batched (Dirac, curve, mixed) and pointwise (Gaussian, box) scores.</summary>
    [Theory]
    [InlineData("data={\"kind\": \"curve\", \"shape\": \"lemniscate\", \"scale\": 2, \"nodes\": 64}", "eps=0")]
    [InlineData("data={\"kind\": \"gaussian-mixture\", \"means\": [[-1, 0], [1, 1]], \"variances\": [0.1, 0.2]}", "particles.method=heun")]
    [InlineData("data={\"kind\": \"uniform-box\", \"box\": [[-1, 1], [0, 1]]}", "terminal={\"kind\": \"gaussian\", \"mean\": [0, 0], \"variance\": 2}")]
    [InlineData("data={\"kind\": \"dirac-mixture\", \"points\": [[-1, 0], [1, 0]]}",
        "score={\"kind\": \"mixed\", \"lambda\": 0.3, \"first\": {\"kind\": \"dirac-mixture\", \"points\": [[-1, 0]]}, \"second\": {\"kind\": \"dirac-mixture\", \"points\": [[1, 1], [1, -1]]}}")]
    [InlineData("data={\"kind\": \"samples\", \"from\": {\"kind\": \"uniform-box\", \"box\": [[-1, 1], [-1, 1]]}, \"count\": 50}", "particles.method=euler-maruyama")]
    public void Sample_Runs_ForEveryKindOfDataAndScore(string data, string other)
    {
        using var dir = new TempDirectory();
        string h5 = dir.File("p.h5");
        var result = Cli.Run(["sample", "--particles", "300", "--out", h5, "--set", Grid2D, "--set", data, "--set", other, .. Small]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Stdout + result.Stderr);
        Assert.All(Hdf5Reader.ReadDoubles(h5, Hdf5Layout.ParticlesEnd).Data, v => Assert.True(double.IsFinite(v)));
    }

    /// <summary>v_T from a file of cell averages: particles start in the cells that hold mass, uniformly inside them.</summary>
    [Fact]
    public void Sample_FromAFileTerminal_StartsInTheCellsThatHoldMass()
    {
        using var dir = new TempDirectory();
        string table = dir.File("vT.h5"), h5 = dir.File("p.h5");
        var v = new double[64];
        v[10] = 3;   // cell [-15 + 10 h, -15 + 11 h), h = 30/64
        v[40] = 1;
        new PureHDF.H5File { ["v"] = v }.Write(table);
        var result = Cli.Run(["sample", "--particles", "2000", "--out", h5, "--set", "grid.cells=[64]",
            "--set", $"terminal={{\"kind\": \"file\", \"file\": {JsonSerializer.Serialize(table)}, \"dataset\": \"/v\"}}", .. Small]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Stdout + result.Stderr);
        var x = Hdf5Reader.ReadDoubles(h5, Hdf5Layout.ParticlesX).Data;   // level 0: the start points
        double h = 30.0 / 64;
        var starts = x.AsSpan(0, 2000).ToArray();
        Assert.All(starts, s => Assert.True((s >= -15 + 10 * h && s < -15 + 11 * h) || (s >= -15 + 40 * h && s < -15 + 41 * h), $"{s}"));
        double inFirst = starts.Count(s => s < 0) / 2000.0;   // 3/4 expected; five standard errors
        Assert.InRange(inFirst, 0.75 - 5 * Math.Sqrt(0.1875 / 2000), 0.75 + 5 * Math.Sqrt(0.1875 / 2000));
    }

    [Theory]
    [InlineData("particles.method", "--set", "particles.method=rk4")]
    [InlineData("particles.count", "--particles", "0")]
    [InlineData("particles.store", "--set", "particles.steps=5", "--set", "particles.store=7")]
    [InlineData("particles.start.points", "--set", "particles.start={\"points\": [[0, 1]]}")]
    public void Sample_BadInput_ExitsTwo_NamesTheKey_AndWritesNothing(string key, params string[] args)
    {
        using var dir = new TempDirectory();
        string h5 = dir.File("p.h5");
        var result = Cli.Run(["sample", "--out", h5, .. args]);
        Assert.Equal(ExitCodes.InputError, result.ExitCode);
        Assert.StartsWith($"error: {key} = ", Assert.Single(result.StderrLines));
        RunFileAssert.NothingWritten(h5);
    }

    /// <summary>A tabulated score -x/(2t) that turns 1e308 below t = 1.5 (2t s overflows) sends Euler particles to infinity: exit 3, the file keeps the levels before.</summary>
    [Fact]
    public void Sample_ParticleBreakdown_ExitsThree_AndKeepsTheLevelsBefore()
    {
        using var dir = new TempDirectory();
        string table = dir.File("score.h5"), h5 = dir.File("p.h5");
        ScoreTables.Write(table, ScoreTables.LogSpaced(0.05, 2, 20), ScoreTables.Centres(-15, 15, 64), (t, x) => t < 1.5 ? 1e308 : -x / (2 * t));
        var result = Cli.Run(["sample", "--particles", "50", "--out", h5, "--set", "grid.cells=[64]", "--set", ScoreTables.SetGridFileScore(table),
            "--set", "particles.method=euler-maruyama", .. Small]);
        Assert.Equal(ExitCodes.Breakdown, result.ExitCode);
        Assert.Contains("became non-finite at level", result.Stderr);
        Assert.Equal("breakdown", RunFileAssert.Status(h5));
        Assert.False(Hdf5Reader.DatasetExists(h5, Hdf5Layout.ParticlesEnd));
        var x = Hdf5Reader.ReadDoubles(h5, Hdf5Layout.ParticlesX).Data;
        Assert.All(x, v => Assert.True(double.IsFinite(v)));
        RunFileAssert.NoTemporaries(h5);
    }

    /// <summary>
    /// validation/cases/figure3-particles.json with a coarser grid (the particles as in the file): the convex-hull bound
    /// exactly, the imitation and barycentre rates at 1/2 with the five y-axis starts at (0, 0), the Monte Carlo
    /// comparison noted as not applicable (given start points); the particles are in the run file.
    /// </summary>
    [Fact]
    public void Verify_Figure3Case_ChecksTheorem311_AndTheBarycentres()
    {
        using var dir = new TempDirectory();
        string h5 = dir.File("f3.h5"), json = dir.File("f3.json");
        var result = Cli.Run("verify", Repo.File("validation/cases/figure3-particles.json"), "--out", h5, "--json", json,
            "--set", "grid.cells=[160, 160]", "--set", "time.steps=20");
        Assert.True(result.ExitCode == ExitCodes.Success, result.Stdout + result.Stderr);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        foreach (var name in new[] { "convex_hull_bound", "imitation_rate", "barycentre_limits" })
        {
            Assert.True(VerifyReport.Check(report, name).GetProperty("passed").GetBoolean(), name);
            Assert.True(VerifyReport.Check(report, name).GetProperty("guaranteed").GetBoolean(), name);
        }
        Assert.Contains("(0, 0) x5", VerifyReport.Check(report, "barycentre_limits").GetProperty("detail").GetString());
        Assert.Contains(report.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("monte_carlo: not applicable"));
        Assert.Equal([101, 12, 2], Hdf5Reader.ReadShape(h5, Hdf5Layout.ParticlesX));
        Assert.Contains("note: monte_carlo: not applicable", result.Stdout);
    }

    /// <summary>
    /// forward = ou used to be rejected here; the particles now follow the OU backward SDE (OuParticlesCommandTests):
    /// the default case runs, its levels in OU time. A tabulated score stays rejected with ou (exit 2, score.kind).
    /// </summary>
    [Fact]
    public void Sample_WithTheOuForwardProcess_RunsInOuTime()
    {
        using var dir = new TempDirectory();
        string h5 = dir.File("p.h5");
        var result = Cli.Run(["sample", "--particles", "500", "--out", h5, "--set", "forward=ou", .. Small]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Stdout + result.Stderr);
        var t = Hdf5Reader.ReadDoubles(h5, Hdf5Layout.ParticlesT).Data;
        Assert.Equal(2.0, t[0]);
        Assert.Equal(0.05, t[^1]);
    }

    /// <summary>Particles from v_T = u(T) in 1D with eps = 0.2: the Monte Carlo comparison applies; the hull bound is not guaranteed.</summary>
    [Fact]
    public void Verify_FromTheTerminalLaw_ComparesTheHistogramWithTheGrid()
    {
        using var dir = new TempDirectory();
        string json = dir.File("mc.json");
        var result = Cli.Run("verify", "--out", dir.File("mc.h5"), "--json", json, "--set", "grid.cells=[256]", "--set", "time.steps=50",
            "--set", "time.tMin=0.1", "--set", "particles={\"count\": 20000, \"steps\": 50}");
        Assert.True(result.ExitCode == ExitCodes.Success, result.Stdout + result.Stderr);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var mc = VerifyReport.Check(report, "monte_carlo");
        Assert.True(mc.GetProperty("passed").GetBoolean(), mc.GetProperty("detail").GetString());
        Assert.Contains("exact, v = u", mc.GetProperty("detail").GetString());
        var hull = VerifyReport.Check(report, "convex_hull_bound");
        Assert.False(hull.GetProperty("guaranteed").GetBoolean());
        Assert.StartsWith("not guaranteed for eps = 0.2", hull.GetProperty("detail").GetString());
    }
}
