using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Particles;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Time;
using FokkerPlanckGrid.Verification;

namespace FokkerPlanckGrid.Tests.Particles;

/// <summary>
/// The paper's Figure 3: two Diracs at (+-1, 0), eps = 0. A trajectory started on the y-axis stays on it (the two
/// softmax weights are equal to the bit, m_x = 0) and goes to the barycentre (0, 0) like sqrt(t); a trajectory started
/// off the axis chooses the atom on its side and reaches it like sqrt(t) (Theorem 3.11).
/// </summary>
public class Figure3Tests
{
    private static readonly double[][] Starts = [[0, 1], [0, -2], [0, 3], [0.5, 1], [-0.3, 2], [1.5, -1], [-2, -0.5]];

    private static (ParticleRun Run, DiracMixture Data) Run(ParticleMethod method)
    {
        var data = new DiracMixture([[-1.0, 0.0], [1.0, 0.0]], [0.5, 0.5]);
        var g = TimeGrid.Geometric(1, 1e-3, 300);
        var levels = Enumerable.Range(0, 301).Select(g.Level).ToArray();
        var run = new ParticleSampler(new DiracMixtureScore(data), ParticleStarts.Points(Starts), method, 0, levels)
            .Run(Starts.Length, 1, 61);
        return (run, data);
    }

    [Theory]
    [InlineData(ParticleMethod.ExactMeanShift)]
    [InlineData(ParticleMethod.Heun)]
    public void StartsOnTheAxis_GoToTheBarycentre_OthersToTheAtomOnTheirSide(ParticleMethod method)
    {
        var (run, _) = Run(method);
        double tMin = 1e-3;
        for (int p = 0; p < Starts.Length; p++)
        {
            double x = run.EndPoint(p, 0), y = run.EndPoint(p, 1);
            if (Starts[p][0] == 0)
            {
                Assert.Equal(0.0, x);                                    // exactly on the axis
                Assert.Equal(Starts[p][1] * Contraction(run.Levels, method), y, 1e-13);
            }
            else
            {
                double side = Math.Sign(Starts[p][0]);
                double distance = Math.Sqrt((x - side) * (x - side) + y * y);
                Assert.True(distance <= 3 * Math.Sqrt(tMin), $"start {p}: {distance} from its atom");
            }
        }
    }

    /// <summary>
    /// On the axis m = (0, 0) at every stage, so a step multiplies X by sqrt(q) (exact mean shift; the product telescopes to
    /// sqrt(t/T)) or by Heun's alpha(q) = 1 - (1-q)/4 - (1-q^2)/(8q) &lt;= sqrt(q) (see ParticleSampler).
    /// </summary>
    private static double Contraction(double[] levels, ParticleMethod method)
    {
        double f = 1;
        for (int n = 1; n < levels.Length; n++)
        {
            double q = levels[n] / levels[n - 1];
            f *= method == ParticleMethod.Heun ? 1 - (1 - q) / 4 - (1 - q * q) / (8 * q) : Math.Sqrt(q);
        }
        return f;
    }

    [Fact]
    public void Verify_ReportsTheBarycentreAndImitationRates_AtOneHalf()
    {
        var (run, data) = Run(ParticleMethod.ExactMeanShift);
        var (checks, _) = ParticleChecks.Evaluate(new ParticleChecks.Inputs(run, ParticleMethod.ExactMeanShift, 0, null, "test", data, null,
            2, null, "test"));
        var imitation = checks.Single(c => c.Name == "imitation_rate");
        var barycentre = checks.Single(c => c.Name == "barycentre_limits");
        Assert.True(imitation.Passed, imitation.Detail);
        Assert.True(barycentre.Passed, barycentre.Detail);
        Assert.Equal(0.5, barycentre.Measured, 1e-9);                   // on the axis: exactly y_T sqrt(t/T)
        Assert.Contains("(0, 0) x3", barycentre.Detail);
        Assert.Contains("4 stored trajectories chose an atom, 3 a barycentre, 0 in transit", imitation.Detail);
    }

    /// <summary>The rate check can fail: a trajectory frozen in place (a wrong score) has exponent 0, not 1/2.</summary>
    [Fact]
    public void ImitationRate_Fails_ForAScoreThatDoesNotPullIn()
    {
        var data = new DiracMixture([[-1.0, 0.0], [1.0, 0.0]], [0.5, 0.5]);
        var g = TimeGrid.Geometric(1, 1e-3, 100);
        var levels = Enumerable.Range(0, 101).Select(g.Level).ToArray();
        var weak = new MixedScore(0.5, new DiracMixtureScore(data), new ZeroScore());   // half the score: |X - y| ~ t^{1/4}
        var run = new ParticleSampler(weak, ParticleStarts.Points([[1.5, 0.5], [-1.2, -0.4]]), ParticleMethod.ExactMeanShift, 0, levels)
            .Run(2, 1, 41);
        var (checks, _) = ParticleChecks.Evaluate(new ParticleChecks.Inputs(run, ParticleMethod.ExactMeanShift, 0, null, "test", data, null,
            2, null, "test"));
        var imitation = checks.Single(c => c.Name == "imitation_rate");
        Assert.False(imitation.Passed);
        Assert.Equal(0.25, imitation.Measured, 0.02);
    }

    private sealed class ZeroScore : IScore
    {
        public int Dimension => 2;
        public (double Min, double Max) TimeRange => (0, double.PositiveInfinity);
        public void Evaluate(ReadOnlySpan<double> x, double t, Span<double> score) => score.Clear();
        public void EvaluateFaces(FokkerPlanckGrid.Grids.Grid grid, double t, FokkerPlanckGrid.Fields.FaceField faces) => throw new NotSupportedException();
    }
}
