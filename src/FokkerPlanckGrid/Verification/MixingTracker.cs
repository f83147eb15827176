using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Mixing;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Simulations;

namespace FokkerPlanckGrid.Verification;

/// <summary>
/// Records at every time level where v sits relative to the critical points of Phi_lambda (<see cref="CriticalPointMasses"/>):
/// the series behind the `mixing_limits` checks and the /diagnostics/mixing datasets. O(cells) per level per delta.
/// </summary>
public sealed class MixingTracker(Grid grid, MixingPotential potential, IReadOnlyList<double> deltas) : ISimulationObserver
{
    private readonly CriticalPointMasses _masses = new(grid, potential, deltas);

    public MixingPotential Potential => _masses.Potential;
    public IReadOnlyList<double> Deltas => _masses.Deltas;

    /// <summary>Columns of a row per delta: one per critical point, then "outside all".</summary>
    public int Columns => _masses.Columns;

    public List<double> Time { get; } = [];

    /// <summary>Per level, the shares [delta, critical point or outside] flattened row-major.</summary>
    public List<double[]> Shares { get; } = [];

    /// <summary>Share of the mass within delta number <paramref name="k"/> of some critical point, at level <paramref name="level"/>.</summary>
    public double Near(int level, int k) => 1 - Shares[level][k * Columns + Columns - 1];

    /// <summary>Share within delta number <paramref name="k"/> of the local minima, at level <paramref name="level"/>.</summary>
    public double NearMinima(int level, int k)
    {
        double sum = 0;
        for (int c = 0; c < Potential.CriticalPoints.Count; c++)
            if (Potential.CriticalPoints[c].IsLocalMinimum) sum += Shares[level][k * Columns + c];
        return sum;
    }

    public void OnLevel(int step, double t, double[] v, IStepper stepper)
    {
        var row = new double[Deltas.Count * Columns];
        _masses.Measure(v, row);
        Time.Add(t);
        Shares.Add(row);
    }

    public void OnSnapshot(int index, double t, double[] v) { }
}
