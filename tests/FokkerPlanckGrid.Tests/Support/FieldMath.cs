namespace FokkerPlanckGrid.Tests.Support;

/// <summary>Accurate sums and divergences of cell fields for the property tests.</summary>
public static class FieldMath
{
    /// <summary>The unit round-off 2^-52 (the spacing of doubles at 1; twice the rounding unit).</summary>
    public const double Ulp = 1.0 / (1L << 52);

    /// <summary>Neumaier-compensated sum: error ~ 2^-53 |sum| + n^2 2^-106 sum|x|, so the test's own sums add nothing.</summary>
    public static double Sum(ReadOnlySpan<double> x)
    {
        double s = 0, c = 0;
        foreach (var v in x)
        {
            double t = s + v;
            c += Math.Abs(s) >= Math.Abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
        }
        return s + c;
    }

    /// <summary>KL(p || q) = sum p log(p / q) of the mass-normalised fields (0 log 0 = 0; q &gt; 0 wherever p &gt; 0).</summary>
    public static double KL(ReadOnlySpan<double> v, ReadOnlySpan<double> w)
    {
        double mv = Sum(v), mw = Sum(w);
        double kl = 0;
        for (int i = 0; i < v.Length; i++)
        {
            double p = v[i] / mv, q = w[i] / mw;
            if (p == 0) continue;   // also when v[i] / mv underflows
            kl += p * (Math.Log(p) - Math.Log(q));   // not log(p / q): p / q may underflow to 0
        }
        return kl;
    }

    /// <summary>sum p |log(p / q)|: the scale of the round-off of <see cref="KL"/>.</summary>
    public static double KLScale(ReadOnlySpan<double> v, ReadOnlySpan<double> w)
    {
        double mv = Sum(v), mw = Sum(w);
        double s = 0;
        for (int i = 0; i < v.Length; i++)
        {
            double p = v[i] / mv, q = w[i] / mw;
            if (p == 0) continue;
            s += p * Math.Abs(Math.Log(p) - Math.Log(q));
        }
        return s;
    }
}
