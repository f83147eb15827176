using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Scores;

/// <summary>
/// A score sampled at a grid's cell centres at times t_1..t_M (e.g. a trained network evaluated on the grid), as
/// read from a `grid-file`. Between stored times it is linear in log t; in space, linear between centres (so a face
/// value is the mean of its two cells; at a wall, the adjacent centre's value). Times outside [min t, max t] are an
/// error, never an extrapolation. Values: [M, nx] in 1D, [M, nx, ny, 2] in 2D (C order).
/// </summary>
public sealed class TabulatedScore : IScore
{
    private readonly Grid _grid;
    private readonly double[] _logTimes;   // ascending
    private readonly double[][] _tables;   // per time: nx (1D) or nx*ny*2 (2D)

    public TabulatedScore(Grid grid, IReadOnlyList<double> times, ReadOnlySpan<double> values)
    {
        int per = grid.CellCount * grid.Dimension;
        if (times.Count < 1) throw new ArgumentException("a tabulated score needs at least one time");
        if (values.Length != per * times.Count)
            throw new ArgumentException($"score table has {values.Length} values; expected {times.Count} x {per}");
        foreach (var t in times)
            if (!(t > 0) || !double.IsFinite(t)) throw new ArgumentException($"table time {t} is not > 0");
        foreach (var v in values)
            if (!double.IsFinite(v)) throw new ArgumentException("score table holds a non-finite value");
        _grid = grid;
        var order = Enumerable.Range(0, times.Count).OrderBy(k => times[k]).ToArray();
        _logTimes = order.Select(k => Math.Log(times[k])).ToArray();
        for (int k = 1; k < _logTimes.Length; k++)
            if (_logTimes[k] == _logTimes[k - 1]) throw new ArgumentException("table times must be distinct");
        var copy = values.ToArray();
        _tables = order.Select(k => copy.AsSpan(k * per, per).ToArray()).ToArray();
        TimeRange = (times.Min(), times.Max());
    }

    public int Dimension => _grid.Dimension;
    public (double Min, double Max) TimeRange { get; }

    public void Evaluate(ReadOnlySpan<double> x, double t, Span<double> score)
    {
        var (k, w) = Bracket(t);
        for (int c = 0; c < Dimension; c++)
        {
            double a = Interpolate(_tables[k], x, c);
            score[c] = w == 0 ? a : (1 - w) * a + w * Interpolate(_tables[k + 1], x, c);
        }
    }

    public void EvaluateFaces(Grid grid, double t, FaceField faces)
    {
        if (!ReferenceEquals(grid, _grid) && (grid.Nx != _grid.Nx || grid.Ny != _grid.Ny))
            throw new ArgumentException("the tabulated score belongs to another grid");
        var (k, w) = Bracket(t);
        int nx = grid.Nx, ny = grid.Ny, dim = grid.Dimension;
        var lo = _tables[k];
        var hi = w == 0 ? lo : _tables[k + 1];
        double At(int i, int j, int c) =>
            (1 - w) * lo[(i * ny + j) * dim + c] + w * hi[(i * ny + j) * dim + c];
        for (int i = 0; i <= nx; i++)
            for (int j = 0; j < ny; j++)
                faces.X[i * ny + j] = i == 0 ? At(0, j, 0) : i == nx ? At(nx - 1, j, 0) : 0.5 * (At(i - 1, j, 0) + At(i, j, 0));
        if (dim == 2)
            for (int i = 0; i < nx; i++)
                for (int j = 0; j <= ny; j++)
                    faces.Y[i * (ny + 1) + j] = j == 0 ? At(i, 0, 1) : j == ny ? At(i, ny - 1, 1) : 0.5 * (At(i, j - 1, 1) + At(i, j, 1));
    }

    /// <summary>The stored slice below t and the weight of the slice above (linear in log t).</summary>
    private (int K, double W) Bracket(double t)
    {
        if (!(t >= TimeRange.Min * (1 - 1e-12)) || !(t <= TimeRange.Max * (1 + 1e-12)))
            throw new ArgumentOutOfRangeException(nameof(t), t, $"the tabulated score covers t in [{TimeRange.Min}, {TimeRange.Max}] only");
        double lt = Math.Log(t);
        int n = _logTimes.Length;
        if (n == 1 || lt <= _logTimes[0]) return (0, 0);
        if (lt >= _logTimes[n - 1]) return (n - 1, 0);
        int k = Array.BinarySearch(_logTimes, lt);
        if (k >= 0) return (k, 0);
        k = ~k - 1;
        return (k, (lt - _logTimes[k]) / (_logTimes[k + 1] - _logTimes[k]));
    }

    /// <summary>(Bi)linear interpolation between cell centres, constant beyond the outermost centres.</summary>
    private double Interpolate(double[] table, ReadOnlySpan<double> x, int c)
    {
        int dim = Dimension, ny = _grid.Ny;
        var (i0, fx) = Locate(_grid.X, x[0]);
        if (dim == 1) return (1 - fx) * table[i0] + fx * table[i0 + 1];
        var (j0, fy) = Locate(_grid.Y, x[1]);
        double V(int i, int j) => table[(i * ny + j) * 2 + c];
        return (1 - fx) * ((1 - fy) * V(i0, j0) + fy * V(i0, j0 + 1)) + fx * ((1 - fy) * V(i0 + 1, j0) + fy * V(i0 + 1, j0 + 1));
    }

    private static (int I, double F) Locate(Axis axis, double x)
    {
        double s = (x - axis.Lower) / axis.H - 0.5;
        if (s <= 0) return (0, 0);
        if (s >= axis.Cells - 1) return (axis.Cells - 2, 1);
        int i = (int)s;
        return (i, s - i);
    }
}
