using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Scores;

/// <summary>
/// The exact score of a Gaussian mixture whose covariances are all diagonal, with the separable face kernel on a 2D grid.
/// Under the heat flow component k stays Gaussian with per-axis variances V_kx = sigma_kx^2 + 2t, V_ky = sigma_ky^2 + 2t,
/// so its weight at (x, y) factorises,
/// <code>
///   w_k N(x; m_kx, V_kx) N(y; m_ky, V_ky) ~ E_k(x) F_k(y),   E_k(x) = exp(log w_k - log(V_kx)/2 - (x - m_kx)^2/(2 V_kx) - M(x)),
///                                                          F_k(y) = exp(-log(V_ky)/2 - (y - m_ky)^2/(2 V_ky) - N(y)),
///   s_x = sum_k E_k (m_kx - x)/V_kx F_k / sum_k E_k F_k,   s_y likewise,
/// </code>
/// (the 2 pi of the normal densities is common to all k and cancels): the same tables and the same two multiply-adds per
/// term and face as for Dirac atoms (<see cref="SeparableFaceKernel"/>, <see cref="GaussianAxisTerms"/>), exact to
/// rounding, with the direct formula where every product underflows. In 1D the faces are evaluated point by point.
/// </summary>
public sealed class GaussianMixtureScore : IScore, IInteriorFaceExtrema, IScaledFaces
{
    private readonly GaussianMixture _data;
    private readonly SeparableFaceKernel? _kernel;

    /// <param name="data">the mixture; its covariances must be diagonal</param>
    /// <param name="threads">worker threads for the face kernel (0: one per core)</param>
    public GaussianMixtureScore(GaussianMixture data, int threads = 0)
    {
        if (!data.IsDiagonal) throw new ArgumentException("the separable face kernel needs diagonal covariances", nameof(data));
        _data = data;
        _kernel = data.Dimension == 2 ? new SeparableFaceKernel(new Components(data), threads) : null;
    }

    /// <inheritdoc/>
    public (double X, double Y) InteriorMaxAbs => _kernel?.InteriorMaxAbs ?? (0, 0);

    public GaussianMixture Data => _data;
    public int Dimension => _data.Dimension;
    public (double Min, double Max) TimeRange => (0, double.PositiveInfinity);

    public void Evaluate(ReadOnlySpan<double> x, double t, Span<double> score) => _data.Score(x, t, score);

    public void EvaluateFaces(Grid grid, double t, FaceField faces) => EvaluateFaces(grid, t, faces, 1);

    /// <summary>The faces of a s(a x, t), a = <paramref name="scale"/> (see <see cref="IScaledFaces"/>).</summary>
    public void EvaluateFaces(Grid grid, double t, FaceField faces, double scale)
    {
        if (_kernel is not null)
        {
            _kernel.Evaluate(grid, t, faces, scale);
            return;
        }
        if (scale == 1)
        {
            PointwiseFaces.Fill(this, grid, t, faces);
            return;
        }
        Span<double> x = stackalloc double[1];
        Span<double> s = stackalloc double[1];
        for (int i = 0; i < faces.X.Length; i++)
        {
            x[0] = scale * grid.X.Face(i);
            _data.Score(x, t, s);
            faces.X[i] = scale * s[0];
        }
    }

    /// <summary>The components along each axis: log-prefactors and inverse variances, refreshed per step.</summary>
    private sealed class Components : ISeparableMixture
    {
        private readonly GaussianMixture _data;
        private readonly double[] _logWeights, _mx, _my, _px, _py, _ix, _iy;

        public Components(GaussianMixture data)
        {
            _data = data;
            int k = data.Count;
            _logWeights = data.Weights.Select(w => Math.Log(w)).ToArray();
            _mx = Enumerable.Range(0, k).Select(c => data.Mean(c, 0)).ToArray();
            _my = Enumerable.Range(0, k).Select(c => data.Mean(c, 1)).ToArray();
            (_px, _py, _ix, _iy) = (new double[k], new double[k], new double[k], new double[k]);
        }

        public int Count => _data.Count;

        public void Prepare(double t)
        {
            for (int k = 0; k < _data.Count; k++)
            {
                double vx = _data.Covariance(k, 0, 0) + 2 * t, vy = _data.Covariance(k, 1, 1) + 2 * t;
                _px[k] = _logWeights[k] - 0.5 * Math.Log(vx);
                _py[k] = -0.5 * Math.Log(vy);
                _ix[k] = 1 / vx;
                _iy[k] = 1 / vy;
            }
        }

        public void Tabulate(Axis axis, bool faces, int coordinate, int n, int stride, Span<double> e, Span<double> g, double scale) =>
            SeparableSoftmax.Tabulate(coordinate == 0 ? new GaussianAxisTerms(_mx, _px, _ix) : new GaussianAxisTerms(_my, _py, _iy),
                axis, faces, n, stride, e, g, Span<double>.Empty, scale);

        public double RatioScale(double t) => 1;

        public void Score(ReadOnlySpan<double> x, double t, Span<double> score) => _data.Score(x, t, score);
    }
}
