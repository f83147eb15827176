using System.Text.Json;
using FokkerPlanckGrid.IO;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>
/// The particle side of score mixing end to end: `fpgrid sample` on a mixed-score case reports where the particles went
/// against the critical points of Phi_lambda (summary table, /particles/mixing_*), and `fpgrid verify` with a particles
/// block adds `mixing_limits_particles_delta*` and, for the ODE, `mixing_rate_particles`.
/// </summary>
public class MixingParticlesCommandTests
{
    /// <summary>validation/cases/mixing-2d.json, 3000 particles: nine critical points, the shares in the table and the file.</summary>
    [Fact]
    public void Sample_OnAMixedCase_ReportsTheCriticalPoints_InTheSummaryAndUnderParticles()
    {
        using var dir = new TempDirectory();
        string h5 = dir.File("m.h5");
        var r = Cli.Run("sample", Repo.File("validation/cases/mixing-2d.json"), "--particles", "3000", "--out", h5,
            "--set", "particles={\"steps\": 60, \"store\": 7}");
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stdout + r.Stderr);
        foreach (var row in new[] { "critical points of Phi_lambda, lambda = 0.5", "near the minima", "outside all", "saddle or maximum" })
            Assert.Contains(row, r.Stdout);
        var (points, shape) = Hdf5Reader.ReadDoubles(h5, Hdf5Layout.ParticlesMixingPoints);
        Assert.Equal([9, 2], shape);
        Assert.Equal(0.5, Hdf5Reader.ReadAttributeDouble(h5, Hdf5Layout.ParticlesMixingPoints, Hdf5Layout.AttrLambda));
        Assert.Equal([1L, 1, 1, 1, 0, 0, 0, 0, 0], Hdf5Reader.ReadInt64s(h5, Hdf5Layout.ParticlesMixingMinimum).Data);
        Assert.Equal([0.25, 0.5], Hdf5Reader.ReadDoubles(h5, Hdf5Layout.ParticlesMixingDelta).Data);
        var (share, shareShape) = Hdf5Reader.ReadDoubles(h5, Hdf5Layout.ParticlesMixingShare);
        Assert.Equal([7, 2, 10], shareShape);
        for (int row = 0; row < 14; row++) Assert.Equal(1, share.Skip(row * 10).Take(10).Sum(), 12);
        // at t_min, within 0.5: most particles near the four minima (columns 0-3), few near the saddles
        double nearMinima = share.Skip((6 * 2 + 1) * 10).Take(4).Sum();
        Assert.True(nearMinima > 0.9, $"{nearMinima}");
        Assert.Equal(18, points.Length);
    }

    /// <summary>validation/cases/mixing-1d.json with eps = 0 and particles from v_T: the particle checks pass, the ODE rate is 1/2.</summary>
    [Fact]
    public void Verify_OnAMixedCaseWithParticles_AddsTheParticleMixingChecks()
    {
        using var dir = new TempDirectory();
        string json = dir.File("m.json"), h5 = dir.File("m.h5");
        var r = Cli.Run("verify", Repo.File("validation/cases/mixing-1d.json"), "--out", h5, "--json", json,
            "--set", "time.steps=50", "--set", "eps=0",
            "--set", "particles={\"count\": 3000, \"steps\": 200, \"store\": 41}");
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stdout + r.Stderr);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        foreach (var name in new[] { "mixing_limits_particles_delta0.1", "mixing_limits_particles_delta0.25", "mixing_limits_particles_delta0.5", "mixing_rate_particles" })
        {
            var c = VerifyReport.Check(report, name);
            Assert.True(c.GetProperty("passed").GetBoolean() && c.GetProperty("guaranteed").GetBoolean(), name + ": " + c.GetProperty("detail").GetString());
        }
        Assert.Equal(0.5, VerifyReport.Check(report, "mixing_rate_particles").GetProperty("measured").GetDouble(), 1e-6);
        Assert.Contains("local minima", VerifyReport.Check(report, "mixing_limits_particles_delta0.5").GetProperty("detail").GetString());
        Assert.Equal([41, 3, 6], Hdf5Reader.ReadShape(h5, Hdf5Layout.ParticlesMixingShare));
    }
}
