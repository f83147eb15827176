using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Scores;

/// <summary>
/// The exact score of a Dirac mixture with a separable face kernel. On a 2D grid the softmax weight factorises,
/// <code>
///   w_k exp(-|x - y_k|^2 / 4t) = E_k(x) F_k(y),   E_k(x) = exp(log w_k - (x - y_k,x)^2/4t - M(x)),
///                                                F_k(y) = exp(-(y - y_k,y)^2/4t - N(y)),
/// </code>
/// with M(x), N(y) the maxima over k of the exponents, so every factor is &lt;= 1 and the largest is 1. Each factor is
/// tabulated once per grid line per step (K (2 nx + 2 ny + 2) exponentials, by <see cref="SeparableSoftmax"/>, which
/// the centre diagnostics of <see cref="SoftmaxCovariance"/> share); a face then costs two multiply-adds per
/// point, s_x = sum_k E_k (y_k,x - x) F_k / (2t sum_k E_k F_k), vectorised across the contiguous y index
/// (<see cref="SeparableFaceKernel"/>, shared with <see cref="GaussianMixtureScore"/>). The common scale cancels in the
/// ratio, so the result equals the direct log-sum-exp to rounding — except where every product E_k F_k underflows
/// (t -&gt; 0 far from the data, the maximising k of x and of y differ): faces whose sum falls below 1e-290 are
/// recomputed by the direct formula. In 1D the direct formula is used (K exponentials per face).
/// </summary>
public sealed class DiracMixtureScore : IScore, IInteriorFaceExtrema, IScaledFaces
{
    /// <summary>Softmax terms e^(a_k - max) with a_k - max below this are 0 in the 1D kernel (see Faces1D).</summary>
    public const double ExpCutoff = -708;
    private readonly DiracMixture _data;
    private readonly SeparableFaceKernel _kernel;

    /// <param name="data">the mixture</param>
    /// <param name="threads">worker threads for the face kernel (0: one per core)</param>
    public DiracMixtureScore(DiracMixture data, int threads = 0)
    {
        _data = data;
        _kernel = new SeparableFaceKernel(new Atoms(data), threads);
    }

    /// <inheritdoc/>
    public (double X, double Y) InteriorMaxAbs => _kernel.InteriorMaxAbs;

    public DiracMixture Data => _data;
    public int Dimension => _data.Dimension;
    public (double Min, double Max) TimeRange => (0, double.PositiveInfinity);

    public void Evaluate(ReadOnlySpan<double> x, double t, Span<double> score) => _data.Score(x, t, score);

    public void EvaluateFaces(Grid grid, double t, FaceField faces) => EvaluateFaces(grid, t, faces, 1);

    /// <summary>
    /// The faces of a s(a x, t) for a = <paramref name="scale"/>: the score of the laws a^d u(a x, t), which is how the
    /// Ornstein-Uhlenbeck laws map onto the heat flow (<see cref="OrnsteinUhlenbeckMarginals"/>). Every position is
    /// multiplied by a before use and every result by a after, so a = 1 gives the heat-flow faces bit for bit.
    /// </summary>
    public void EvaluateFaces(Grid grid, double t, FaceField faces, double scale)
    {
        if (grid.Dimension == 1) Faces1D(grid, t, scale, faces.X);
        else _kernel.Evaluate(grid, t, faces, scale);
    }

    /// <summary>
    /// 1D: the direct log-sum-exp at every face, serially (a 1D line is too short to share out), four faces per
    /// SIMD vector with the vector exp of System.Numerics (about 1 ulp; the tests compare with the scalar formula).
    /// <para>
    /// Terms with exponent a_k - max below <see cref="ExpCutoff"/> = -708 are set to 0 (and an atom below it in every
    /// lane costs no exponential): Vector.Exp leaves its fast path for arguments under ln(2^-1022) = -708.4 and is
    /// 4-30 times slower there (measured), and at small t most terms are far below it (P1 at t = 0.05: -1500 at the
    /// walls). Why the result is unchanged to rounding: with p_max = 1, z = sum_k p_k &gt;= 1, so dropping terms
    /// p_k &lt; e^-708 = 3.3e-308 changes z by less than K 3.3e-308, far below its last bit. The numerator
    /// sum_k p_k (y_k - x) changes by at most K 3.3e-308 max|y_k - x|, while its own rounding error is about
    /// u sum_k p_k |y_k - x| &gt;= u |y_max - x|; so the change is below rounding unless the largest term's offset
    /// y_max - x is below ~1e-292, i.e. a face exactly on an atom. There the true numerator is the sum of the other
    /// terms: if all of them are below e^-708 the exact score is at most K e^-708 max|y_k - x| / (2t), an
    /// underflow-level number that the scalar formula itself forms from subnormal products with no relative accuracy;
    /// the kernel returns the sum of the terms above the cut-off (0 if none). A cut-off relative to the largest term
    /// such as e^-40 would not be safe here: on an atom the e^-41 neighbours are the whole answer. The scalar tail
    /// applies the same rule, so a face's value does not depend on its place in a vector.
    /// </para>
    /// </summary>
    private void Faces1D(Grid grid, double t, double scale, double[] dest)
    {
        int count = _data.Count, n = grid.Nx + 1, vc = Vector<double>.Count;
        var points = _data.PointData;
        var logW = _data.LogWeights;
        double inv4t = 1 / (4 * t), inv2t = scale / (2 * t);
        Span<double> offsets = stackalloc double[vc];
        for (int k = 0; k < vc; k++) offsets[k] = k;
        var step = new Vector<double>(offsets);
        var vInv4t = new Vector<double>(inv4t);
        var cut = new Vector<double>(ExpCutoff);
        int i = 0;
        for (; i <= n - 1 - vc; i += vc)   // the last face (the wall) goes through the scalar loop, at Axis.Face exactly
        {
            var x = (new Vector<double>(grid.X.Lower) + (new Vector<double>(i) + step) * new Vector<double>(grid.X.H)) * new Vector<double>(scale);
            var max = new Vector<double>(double.NegativeInfinity);
            for (int k = 0; k < count; k++)
            {
                var d = x - new Vector<double>(points[k]);
                max = Vector.Max(max, new Vector<double>(logW[k]) - d * d * vInv4t);
            }
            var z = Vector<double>.Zero;
            var num = Vector<double>.Zero;
            for (int k = 0; k < count; k++)
            {
                var d = x - new Vector<double>(points[k]);
                var a = new Vector<double>(logW[k]) - d * d * vInv4t - max;
                if (Vector.LessThanAll(a, cut)) continue;   // below the cut-off in every lane: no exponential
                var p = Vector.ConditionalSelect(Vector.LessThan(a, cut), Vector<double>.Zero, Vector.Exp(Vector.Max(a, cut)));
                z += p;
                num -= p * d;
            }
            (num / z * new Vector<double>(inv2t)).CopyTo(dest, i);
        }
        for (; i < n; i++)
        {
            double x = scale * grid.X.Face(i), max = double.NegativeInfinity;
            for (int k = 0; k < count; k++)
            {
                double d = x - points[k];
                max = Math.Max(max, logW[k] - d * d * inv4t);
            }
            double z = 0, num = 0;
            for (int k = 0; k < count; k++)
            {
                double d = x - points[k];
                double a = logW[k] - d * d * inv4t - max;
                if (a < ExpCutoff) continue;
                double p = Math.Exp(a);
                z += p;
                num -= p * d;
            }
            dest[i] = num / z * inv2t;
        }
    }

    /// <summary>The atoms as a separable mixture: factors by <see cref="SeparableSoftmax"/>, the ratio scaled by 1/(2t).</summary>
    private sealed class Atoms(DiracMixture data) : ISeparableMixture
    {
        private double _t;

        public int Count => data.Count;

        public void Prepare(double t) => _t = t;

        public void Tabulate(Axis axis, bool faces, int coordinate, int n, int stride, Span<double> e, Span<double> g, double scale) =>
            SeparableSoftmax.Tabulate(new DiracAxisTerms(data, coordinate, _t, withWeights: coordinate == 0), axis, faces, n, stride, e, g,
                Span<double>.Empty, scale);

        public double RatioScale(double t) => 1 / (2 * t);

        public void Score(ReadOnlySpan<double> x, double t, Span<double> score) => data.Score(x, t, score);
    }
}
