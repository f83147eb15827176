using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Particles;

/// <summary>The start distributions of `particles.start` (SPEC.md), each an exact draw.</summary>
public static class ParticleStarts
{
    /// <summary>v_T = u(T) = u0 * G_T: a point of u0, plus sqrt(2T) xi (the heat kernel has variance 2T per coordinate).</summary>
    public static IParticleStart Heat(IDataDistribution data, double tMax) => new HeatStart(data, tMax);

    /// <summary>v_T = N(mean, variance I).</summary>
    public static IParticleStart Gaussian(double[] mean, double variance) => new GaussianStart(mean, variance);

    /// <summary>
    /// v_T given as cell averages on a grid (a `file` terminal): a cell with probability v_i |cell| / sum v |cell|
    /// (one uniform against the cumulative sums, binary search), then a uniform point of the cell — exactly the
    /// piecewise-constant density the grid holds.
    /// </summary>
    public static IParticleStart Cells(Grid grid, double[] cellAverages) => new CellStart(grid, cellAverages);

    /// <summary>Given points: particle p starts at points[p mod P].</summary>
    public static IParticleStart Points(double[][] points) => new PointStart(points);

    private sealed class HeatStart(IDataDistribution data, double tMax) : IParticleStart
    {
        private readonly double _sd = Math.Sqrt(2 * tMax);
        public int Dimension => data.Dimension;

        public void Draw(long particle, CounterRandom random, Span<double> x)
        {
            data.Sample(random, x);
            for (int d = 0; d < x.Length; d++) x[d] += _sd * random.NextNormal();
        }
    }

    private sealed class GaussianStart : IParticleStart
    {
        private readonly double[] _mean;
        private readonly double _sd;

        public GaussianStart(double[] mean, double variance)
        {
            if (!(variance > 0)) throw new ArgumentOutOfRangeException(nameof(variance), variance, "must be > 0");
            _mean = (double[])mean.Clone();
            _sd = Math.Sqrt(variance);
        }

        public int Dimension => _mean.Length;

        public void Draw(long particle, CounterRandom random, Span<double> x)
        {
            for (int d = 0; d < x.Length; d++) x[d] = _mean[d] + _sd * random.NextNormal();
        }
    }

    private sealed class CellStart : IParticleStart
    {
        private readonly Grid _grid;
        private readonly double[] _cumulative;   // cumulative cell masses, last = total

        public CellStart(Grid grid, double[] cellAverages)
        {
            if (cellAverages.Length != grid.CellCount) throw new ArgumentException("cell averages do not match the grid");
            _grid = grid;
            _cumulative = new double[cellAverages.Length];
            double acc = 0;
            for (int i = 0; i < cellAverages.Length; i++)
            {
                if (!(cellAverages[i] >= 0)) throw new ArgumentException("cell averages must be >= 0");
                acc += cellAverages[i];
                _cumulative[i] = acc;
            }
            if (!(acc > 0) || !double.IsFinite(acc)) throw new ArgumentException("cell averages have no finite positive mass");
        }

        public int Dimension => _grid.Dimension;

        public void Draw(long particle, CounterRandom random, Span<double> x)
        {
            double target = random.NextDouble() * _cumulative[^1];
            int cell = 0, hi = _cumulative.Length - 1;   // the first cell whose cumulative mass exceeds the target
            while (cell < hi)
            {
                int mid = (cell + hi) >>> 1;
                if (_cumulative[mid] > target) hi = mid;
                else cell = mid + 1;
            }
            // only when rounding put the target at the total: back off to the last cell that has mass
            while (cell > 0 && _cumulative[cell] == _cumulative[cell - 1]) cell--;
            int ny = _grid.Ny, i = cell / ny, j = cell % ny;
            x[0] = _grid.X.Face(i) + random.NextDouble() * _grid.X.H;
            if (_grid.Dimension == 2) x[1] = _grid.Y.Face(j) + random.NextDouble() * _grid.Y.H;
        }
    }

    private sealed class PointStart : IParticleStart
    {
        private readonly double[][] _points;

        public PointStart(double[][] points)
        {
            if (points.Length == 0) throw new ArgumentException("at least one start point");
            _points = points.Select(p => (double[])p.Clone()).ToArray();
        }

        public int Dimension => _points[0].Length;

        public void Draw(long particle, CounterRandom random, Span<double> x) =>
            _points[particle % _points.Length].AsSpan().CopyTo(x);
    }
}
