using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FokkerPlanckGrid.Distributions;

namespace FokkerPlanckGrid.Particles;

/// <summary>
/// delta(x, t) = m(x, t) - x of a Dirac mixture u0 = sum_k w_k delta_{y_k} (also curve quadratures and empirical
/// measures), vectorised across particles. The softmax exponent log w_k - |x - y_k|^2/(4t) is used in the expanded form
/// <code>
///   a_k = c_k + x . g_k,   c_k = log w_k - |y_k|^2/(4t),   g_k = y_k/(2t)     (the common -|x|^2/(4t) cancels)
///   p_k = exp(a_k - max_j a_j),   m = sum_k p_k y_k / sum_k p_k,   delta = m - x
/// </code>
/// Two passes over the atoms (the max, then the sums), two multiply-adds per atom and pass, K vector exponentials per
/// Vector&lt;double&gt;.Count particles. The largest p_k is exactly 1, so the sum never underflows. Forming m first makes
/// it a convex combination of the atoms to rounding (what the convex-hull bound needs, see
/// <see cref="ParticleSampler"/>); for one atom m = y exactly. The expanded exponent carries an absolute rounding error
/// of about 2^-52 |x||y|/(2t) (4e-13 at |x| |y| = 4, t = 1e-3): a relative perturbation of the weights, not of the
/// convexity.
/// <para>
/// Atoms with a_k - max &lt; -40 are left out of a particle's sums (p_k &lt; 4.3e-18: below the rounding of the sum
/// z &gt;= 1, and worth at most 4.3e-18 |y_k - m| in m), lane by lane, so that a particle's result does not depend on its
/// neighbours in the vector; an atom below the cut-off in every lane costs no exponential (as t -&gt; 0, most of them).
/// The exponent is then never below -40, so the vector exp stays on its fast path (Vector.Exp is many times slower
/// for arguments below -708).
/// </para>
/// </summary>
public sealed class DiracMeanShiftKernel : IMeanShiftKernel
{
    /// <summary>Atoms with log-weight this far below the largest are left out (e^-40 = 4.3e-18).</summary>
    public const double Cutoff = -40;

    private readonly double[] _y0, _y1, _logW, _sq;   // atoms, log weights, |y_k|^2
    private readonly double[] _pack;                  // per call, per atom: c_k, g_k0, g_k1, y_k0, y_k1

    public DiracMeanShiftKernel(DiracMixture data)
    {
        Dimension = data.Dimension;
        int k = data.Count;
        _y0 = new double[k];
        _y1 = new double[k];
        _logW = new double[k];
        _sq = new double[k];
        _pack = new double[5 * k];
        for (int i = 0; i < k; i++)
        {
            _y0[i] = data.Point(i, 0);
            _y1[i] = Dimension == 2 ? data.Point(i, 1) : 0;
            _logW[i] = Math.Log(data.Weights[i]);
            _sq[i] = _y0[i] * _y0[i] + _y1[i] * _y1[i];
        }
    }

    public int Dimension { get; }

    public void Displacement(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, double t, Span<double> d0, Span<double> d1)
    {
        int n = x0.Length, vc = Vector<double>.Count, count = _y0.Length;
        if (n % vc != 0) throw new ArgumentException($"block length {n} is not a multiple of {vc}");
        bool two = Dimension == 2;
        if (x1.Length != (two ? n : 0) || d0.Length != n || d1.Length != (two ? n : 0))
            throw new ArgumentException("coordinate spans do not match the block");
        double inv4t = 1 / (4 * t), inv2t = 1 / (2 * t);
        for (int k = 0; k < count; k++)
        {
            _pack[5 * k] = _logW[k] - _sq[k] * inv4t;
            _pack[5 * k + 1] = _y0[k] * inv2t;
            _pack[5 * k + 2] = _y1[k] * inv2t;
            _pack[5 * k + 3] = _y0[k];
            _pack[5 * k + 4] = _y1[k];
        }
        ref double atoms = ref MemoryMarshal.GetArrayDataReference(_pack);
        var cut = new Vector<double>(Cutoff);
        ref double rx0 = ref MemoryMarshal.GetReference(x0);
        ref double rd0 = ref MemoryMarshal.GetReference(d0);
        ref double rx1 = ref two ? ref MemoryMarshal.GetReference(x1) : ref rx0;
        ref double rd1 = ref two ? ref MemoryMarshal.GetReference(d1) : ref rd0;
        for (int i = 0; i < n; i += vc)
        {
            var xa = Vector.LoadUnsafe(ref rx0, (nuint)i);
            var xb = two ? Vector.LoadUnsafe(ref rx1, (nuint)i) : Vector<double>.Zero;
            var max = new Vector<double>(double.NegativeInfinity);
            for (int k = 0; k < count; k++)
            {
                ref double q = ref Unsafe.Add(ref atoms, 5 * k);
                max = Vector.Max(max, Exponent(ref q, xa, xb));
            }
            var z = Vector<double>.Zero;
            var na = Vector<double>.Zero;
            var nb = Vector<double>.Zero;
            for (int k = 0; k < count; k++)
            {
                ref double q = ref Unsafe.Add(ref atoms, 5 * k);
                var a = Exponent(ref q, xa, xb) - max;
                if (Vector.LessThanAll(a, cut)) continue;   // below the cut-off in every lane: no exponential
                var p = Vector.ConditionalSelect(Vector.LessThan(a, cut), Vector<double>.Zero, Vector.Exp(Vector.Max(a, cut)));
                z += p;
                na = Vector.FusedMultiplyAdd(p, new Vector<double>(Unsafe.Add(ref q, 3)), na);
                nb = Vector.FusedMultiplyAdd(p, new Vector<double>(Unsafe.Add(ref q, 4)), nb);
            }
            (na / z - xa).StoreUnsafe(ref rd0, (nuint)i);
            if (two) (nb / z - xb).StoreUnsafe(ref rd1, (nuint)i);
        }
    }

    /// <summary>a_k = c_k + x0 g_k0 + x1 g_k1 for the atom whose packed constants start at q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Exponent(ref double q, Vector<double> xa, Vector<double> xb) =>
        Vector.FusedMultiplyAdd(xb, new Vector<double>(Unsafe.Add(ref q, 2)),
            Vector.FusedMultiplyAdd(xa, new Vector<double>(Unsafe.Add(ref q, 1)), new Vector<double>(q)));
}
