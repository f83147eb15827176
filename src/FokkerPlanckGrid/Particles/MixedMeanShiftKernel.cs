namespace FokkerPlanckGrid.Particles;

/// <summary>
/// delta of a mixed score s = lambda s1 + (1 - lambda) s2: since delta = 2t s is linear in s,
/// delta = lambda delta1 + (1 - lambda) delta2, i.e. m = lambda m1 + (1 - lambda) m2. For lambda in [0, 1] m is a convex
/// combination of points of the two supports' hulls; for lambda &gt; 1 (guidance) it need not lie in either.
/// </summary>
public sealed class MixedMeanShiftKernel : IMeanShiftKernel
{
    private readonly IMeanShiftKernel _first, _second;
    private readonly double _lambda;
    private readonly double[] _s0, _s1;

    /// <param name="lambda">the mixing weight</param>
    /// <param name="first">kernel of s1</param>
    /// <param name="second">kernel of s2</param>
    /// <param name="blockLength">the block length it will be called with (sizes its scratch)</param>
    public MixedMeanShiftKernel(double lambda, IMeanShiftKernel first, IMeanShiftKernel second, int blockLength)
    {
        if (first.Dimension != second.Dimension) throw new ArgumentException("mixed kernels must have one dimension");
        _lambda = lambda;
        _first = first;
        _second = second;
        _s0 = new double[blockLength];
        _s1 = new double[first.Dimension == 2 ? blockLength : 0];
    }

    public int Dimension => _first.Dimension;

    public void Displacement(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, double t, Span<double> d0, Span<double> d1)
    {
        int n = x0.Length;
        var s0 = _s0.AsSpan(0, n);
        var s1 = Dimension == 2 ? _s1.AsSpan(0, n) : Span<double>.Empty;
        _first.Displacement(x0, x1, t, d0, d1);
        _second.Displacement(x0, x1, t, s0, s1);
        double a = _lambda, b = 1 - _lambda;
        for (int i = 0; i < n; i++) d0[i] = a * d0[i] + b * s0[i];
        if (Dimension == 2)
            for (int i = 0; i < n; i++) d1[i] = a * d1[i] + b * s1[i];
    }
}
