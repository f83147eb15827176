using System.Text.Json;
using FokkerPlanckGrid.IO;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>
/// Particles of the Ornstein-Uhlenbeck forward process end to end (validation/cases/particles-ou-2d.json at toy size):
/// `fpgrid sample` writes OU-time levels, `fpgrid verify` judges the particle checks in their OU form and the Monte Carlo
/// comparison against the grid's OU solution, and the one combination that stays rejected (a tabulated score).
/// </summary>
public class OuParticlesCommandTests
{
    private static readonly string[] Toy =
    [
        "--set", "grid.cells=[128, 128]", "--set", "time.steps=40", "--set", "time.tMin=0.05",
        "--set", "particles.count=4000", "--set", "particles.steps=40", "--set", "particles.store=11",
    ];

    /// <summary>
    /// The stored times are the OU levels tau_n = T (t_min/T)^(n/K) (not the heat times (e^{2 tau} - 1)/2, which start at
    /// (e^2 - 1)/2 = 3.19), and the end points at t_min are the last stored level.
    /// </summary>
    [Fact]
    public void Sample_OnAnOuCase_WritesOuTimeLevels_AndExitsZero()
    {
        using var dir = new TempDirectory();
        string h5 = dir.File("p.h5");
        var r = Cli.Run(["sample", Repo.File("validation/cases/particles-ou-2d.json"), "--out", h5, .. Toy]);
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stdout + r.Stderr);
        var t = Hdf5Reader.ReadDoubles(h5, Hdf5Layout.ParticlesT).Data;
        Assert.Equal(11, t.Length);
        Assert.Equal(1.0, t[0]);
        Assert.Equal(0.05, t[^1]);
        for (int s = 0; s < t.Length; s++) Assert.Equal(Math.Pow(0.05, s / 10.0), t[s], 1e-14);
        Assert.Equal([4000, 2], Hdf5Reader.ReadShape(h5, Hdf5Layout.ParticlesEnd));
        var x = Hdf5Reader.ReadDoubles(h5, Hdf5Layout.ParticlesX).Data;
        var end = Hdf5Reader.ReadDoubles(h5, Hdf5Layout.ParticlesEnd).Data;
        Assert.Equal(end[0], x[10 * 4000 * 2]);
        Assert.Contains("(OU time)", r.Stdout);
        Assert.Contains("sqrt(1 - e^(-2 t_min))", r.Stdout);
        RunFileAssert.NoTemporaries(h5);
    }

    /// <summary>
    /// verify: the convex-hull bound (exact for exact-mean-shift at eps = 0) and the sqrt(t) rate are judged on e^tau Y
    /// at heat times and say so; monte_carlo compares the particles with the grid's OU v_h(t_min) and the exact w(t_min).
    /// </summary>
    [Fact]
    public void Verify_OnAnOuCaseWithParticles_JudgesTheOuForms_AndPasses()
    {
        using var dir = new TempDirectory();
        string json = dir.File("r.json");
        var r = Cli.Run(["verify", Repo.File("validation/cases/particles-ou-2d.json"), "--out", dir.File("v.h5"), "--json", json, .. Toy]);
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stdout + r.Stderr);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        foreach (var name in new[] { "convex_hull_bound", "imitation_rate" })
        {
            var check = VerifyReport.Check(report, name);
            Assert.True(check.GetProperty("passed").GetBoolean(), check.ToString());
            Assert.Contains("forward = ou: judged on X = e^tau Y", check.GetProperty("detail").GetString());
        }
        var mc = VerifyReport.Check(report, "monte_carlo");
        Assert.True(mc.GetProperty("passed").GetBoolean(), mc.ToString());
        Assert.Contains("particles vs exact v(t_min)", mc.GetProperty("detail").GetString());
        Assert.Contains("Y against the grid's OU v(t_min)", mc.GetProperty("detail").GetString());
    }

    /// <summary>Before, any particles block with forward = ou was rejected; now only a tabulated score is (it holds the OU score on the grid).</summary>
    [Fact]
    public void Sample_OnAnOuCase_WithAGridFileScore_ExitsTwo_NamingScoreKind()
    {
        using var dir = new TempDirectory();
        string table = dir.File("score.h5"), h5 = dir.File("p.h5");
        ScoreTables.Write(table, ScoreTables.LogSpaced(0.05, 1, 8), ScoreTables.Centres(-15, 15, 64), ScoreTables.DiracAtZero);
        var r = Cli.Run("sample", "--out", h5, "--set", "forward=ou", "--set", "grid.cells=[64]", "--set", "time.T=1",
            "--set", ScoreTables.SetGridFileScore(table), "--set", "particles.steps=10");
        Assert.Equal(ExitCodes.InputError, r.ExitCode);
        Assert.StartsWith("error: score.kind = grid-file: particles with forward = ou", Assert.Single(r.StderrLines));
        RunFileAssert.NothingWritten(h5);
    }
}
