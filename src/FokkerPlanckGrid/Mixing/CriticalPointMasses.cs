using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Mixing;

/// <summary>
/// Where a density on the grid sits relative to the critical points of Phi_lambda: for each radius delta, the share of
/// the mass in the cells whose centre lies within delta of a critical point, per critical point (each cell counted once,
/// for its nearest critical point) and outside all of them. The shares of one delta sum to 1. Cell masks are made once.
/// </summary>
public sealed class CriticalPointMasses
{
    private readonly int[][] _owner;   // per delta: cell -> critical point index, or -1

    public CriticalPointMasses(Grid grid, MixingPotential potential, IReadOnlyList<double> deltas)
    {
        Potential = potential;
        Deltas = deltas.ToArray();
        var nearest = new int[grid.CellCount];
        var distance = new double[grid.CellCount];
        Parallel.For(0, grid.CellCount, p =>
        {
            Span<double> x = stackalloc double[2];
            grid.CenterOf(p, x);
            (nearest[p], distance[p]) = potential.Nearest(x[..grid.Dimension]);
        });
        _owner = Deltas.Select(delta => nearest.Select((k, p) => distance[p] < delta ? k : -1).ToArray()).ToArray();
    }

    public MixingPotential Potential { get; }
    public double[] Deltas { get; }

    /// <summary>Columns per delta: one per critical point, then "outside all".</summary>
    public int Columns => Potential.CriticalPoints.Count + 1;

    /// <summary>
    /// Writes the shares, row-major [delta, critical point or outside] (length Deltas x <see cref="Columns"/>), of the
    /// mass of <paramref name="v"/>.
    /// </summary>
    public void Measure(ReadOnlySpan<double> v, Span<double> dest)
    {
        int columns = Columns;
        dest.Clear();
        double total = Norms.Sum(v);
        for (int k = 0; k < _owner.Length; k++)
        {
            var row = dest.Slice(k * columns, columns);
            var owner = _owner[k];
            for (int p = 0; p < v.Length; p++) row[owner[p] < 0 ? columns - 1 : owner[p]] += v[p];
            for (int c = 0; c < columns; c++) row[c] /= total;
        }
    }
}
