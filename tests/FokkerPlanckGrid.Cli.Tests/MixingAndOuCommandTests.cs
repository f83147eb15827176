using System.Text.Json;
using FokkerPlanckGrid.IO;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>
/// Score mixing, guidance and the Ornstein-Uhlenbeck forward process end to end: the validation cases of
/// validation/cases run at toy size through `fpgrid run` and `fpgrid verify`, and the `forward` key's bad input.
/// </summary>
public class MixingAndOuCommandTests
{
    /// <summary>
    /// validation/cases/guidance-1d.json at 256 cells: Li-Yau and the L^p bounds are violated and reported as not
    /// guaranteed (measured, in the JSON and the table), the run still passes (exit 0), and the mass ends on the kink
    /// minimum 0 of Phi_2.
    /// </summary>
    [Fact]
    public void Verify_Guidance_ReportsLiYauAsNotGuaranteed_AndExitsZero()
    {
        using var dir = new TempDirectory();
        string h5 = dir.File("g.h5"), json = dir.File("g.json");
        var r = Cli.Run("verify", Repo.File("validation/cases/guidance-1d.json"), "--out", h5, "--json", json,
            "--set", "grid.cells=[256]", "--set", "time.steps=50", "--set", "time.tMin=0.1");
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stdout + r.Stderr);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(report.RootElement.GetProperty("passed").GetBoolean());
        foreach (var name in new[] { "liyau", "liyau_discrete", "lp_bound_p2", "lp_discrete_bound_pinf" })
        {
            Assert.False(VerifyReport.Check(report, name).GetProperty("passed").GetBoolean(), name);
            Assert.False(VerifyReport.Check(report, name).GetProperty("guaranteed").GetBoolean(), name);
        }
        Assert.True(VerifyReport.Check(report, "liyau").GetProperty("margin").GetDouble() < -10);
        Assert.True(VerifyReport.Check(report, "mixing_limits_delta0.25").GetProperty("passed").GetBoolean());
        Assert.True(VerifyReport.Check(report, "mass").GetProperty("guaranteed").GetBoolean());
        Assert.Contains("VIOLATED (not guaranteed)", r.Stdout);
        Assert.Contains("boundary minimum", r.Stdout);
    }

    /// <summary>
    /// validation/cases/mixing-1d.json at 256 cells through `fpgrid run`: the critical points of Phi_1/2 (three minima,
    /// two Clarke maxima) with the mass near each, in the summary and in /diagnostics/mixing_*.
    /// </summary>
    [Fact]
    public void Run_Mixing_ReportsTheCriticalPointsOfPhi_InTheSummaryAndTheFile()
    {
        using var dir = new TempDirectory();
        string h5 = dir.File("m.h5");
        var r = Cli.Run("run", Repo.File("validation/cases/mixing-1d.json"), "--out", h5,
            "--set", "grid.cells=[256]", "--set", "time.steps=40", "--set", "time.tMin=0.05");
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stdout + r.Stderr);
        Assert.Contains("critical points of Phi_lambda", r.Stdout);
        var (points, shape) = Hdf5Reader.ReadDoubles(h5, "/diagnostics/mixing_points");
        Assert.Equal([5, 1], shape);
        Assert.Equal([-2.5, 0.5, 3.5, -1, 2], points, new Comparer(1e-12));
        Assert.Equal([1L, 1, 1, 0, 0], Hdf5Reader.ReadInt64s(h5, "/diagnostics/mixing_minimum").Data);
        var (mass, massShape) = Hdf5Reader.ReadDoubles(h5, "/diagnostics/mixing_mass");
        Assert.Equal([41, 3, 6], massShape);
        for (int level = 0; level < 41; level++)
            for (int k = 0; k < 3; k++)
                Assert.Equal(1, mass.Skip((level * 3 + k) * 6).Take(6).Sum(), 12);   // each row's shares sum to 1
        Assert.Equal(0.5, Hdf5Reader.ReadAttributeDouble(h5, "/diagnostics/mixing_points", "lambda"));
    }

    /// <summary>validation/cases/ou-1d.json at 256 cells: every check passes under the OU constants.</summary>
    [Fact]
    public void Verify_Ou1D_PassesEveryCheck()
    {
        using var dir = new TempDirectory();
        string json = dir.File("ou.json");
        var r = Cli.Run("verify", Repo.File("validation/cases/ou-1d.json"), "--out", dir.File("ou.h5"), "--json", json,
            "--set", "grid.cells=[256]", "--set", "time.steps=50", "--set", "time.tMin=0.1");
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stdout + r.Stderr);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.All(report.RootElement.GetProperty("checks").EnumerateArray(), c =>
            Assert.True(c.GetProperty("passed").GetBoolean() && c.GetProperty("guaranteed").GetBoolean(), c.GetProperty("name").GetString()));
        Assert.Contains("1 - e^(-2t)", VerifyReport.Check(report, "liyau").GetProperty("detail").GetString());
    }

    [Fact]
    public void Run_WithABadForward_ExitsTwo_NamingTheKeyAndTheAllowedValues_AndWritesNothing()
    {
        using var dir = new TempDirectory();
        string h5 = dir.File("x.h5");
        var r = Cli.Run("run", "--out", h5, "--set", "forward=vp");
        Assert.Equal(ExitCodes.InputError, r.ExitCode);
        Assert.Equal("error: forward = \"vp\": allowed: heat, ou", Assert.Single(r.StderrLines));
        RunFileAssert.NothingWritten(h5);
    }

    /// <summary>
    /// `fpgrid converge --map-heat` on validation/cases/ou-1d.json at toy size: the mapped OU solution approaches the heat
    /// run of the corresponding case (distance falling at each level), written to the JSON report.
    /// </summary>
    [Fact]
    public void ConvergeMapHeat_OnTheOuCase_ReportsAShrinkingDistance()
    {
        using var dir = new TempDirectory();
        string json = dir.File("map.json");
        var r = Cli.Run("converge", Repo.File("validation/cases/ou-1d.json"), "--levels", "3", "--map-heat", "--json", json,
            "--set", "grid.cells=[256]", "--set", "time.steps=64", "--set", "time.T=1", "--set", "time.tMin=0.1");
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stdout + r.Stderr);
        Assert.Contains("--map-heat", r.Stdout);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var distances = report.RootElement.GetProperty("levels").EnumerateArray()
            .Select(l => l.GetProperty("distance").GetProperty("l1").GetDouble()).ToArray();
        Assert.Equal(3, distances.Length);
        Assert.True(distances[0] > distances[1] && distances[1] > distances[2], string.Join(", ", distances));
        Assert.Equal([768], report.RootElement.GetProperty("levels")[2].GetProperty("heat_cells").EnumerateArray().Select(x => x.GetInt32()));
    }

    [Fact]
    public void ConvergeMapHeat_OnAHeatCase_ExitsTwo_NamingForward()
    {
        var r = Cli.Run("converge", Repo.File("validation/cases/P1a.json"), "--levels", "2", "--map-heat");
        Assert.Equal(ExitCodes.InputError, r.ExitCode);
        Assert.StartsWith("error: forward = heat:", Assert.Single(r.StderrLines));
    }

    private sealed class Comparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double x) => 0;
    }
}
