using FokkerPlanckGrid.Distributions;
using MathNet.Numerics;

namespace FokkerPlanckGrid.Tests.Distributions;

public class TruncatedNormalTests
{
    /// <summary>(alpha, beta, log P, E Z, Var Z), computed with mpmath at 40 digits.</summary>
    public static TheoryData<double, double, double, double, double> References => new()
    {
        { -0.3, 0.2, -1.6236832388683199952, -0.048966998541879793003, 0.020659605384467694907 },
        { 0.5, 0.9, -2.0836309981764706142, 0.6907283380286955358, 0.013211041352302727241 },
        { 2, 7, -3.783184333738287119, 2.3732155325548226679, 0.11427909914255555045 },
        { -3, 4, -0.0013825245202196512595, 0.0043039644111576564388, 0.98613147501582825097 },
        { 6, 6.5, -20.778326599127093667, 6.137740433344353588, 0.013551654390719714753 },
        { 12, 12.01, -77.583524959852898905, 12.004899982688346066, 8.3273040442431680141e-6 },
        { 40, 41, -804.60844201375378817, 40.024968847207263721, 0.00062266837859138626264 },
        { 40, 40.02, -805.20448948859797336, 40.008680369905277762, 0.000032292249610260099554 },
        { -1.5, 1.2, -0.20074242985680463612, -0.079044898089047901379, 0.47145929972321953718 },
        { 7000, 7001, -24500009.77260398165, 7000.0001428571370262, 2.0408160766347780262e-8 },
        { 3, 3.3, -7.0510785828502708361, 3.1267872079110569926, 0.0071568546835993411042 },
        { 0.9, 2.5, -1.726812194023779617, 1.3975614647038909053, 0.14693703586605889206 },
        { -5, 30, -2.8665161296376359338e-7, 1.4867199409049057124e-6, 0.99999256639808513929 },
        { 4.9, 5.6, -14.573802979504106068, 5.0742980974853891706, 0.023176329031976617933 },
        { 5.1, 9, -15.588487091872130218, 5.283287616906614949, 0.031638803241348771335 },
    };

    [Theory]
    [MemberData(nameof(References))]
    public void Moments_MatchHighPrecisionReferences(double alpha, double beta, double logP, double mean, double variance)
    {
        var m = TruncatedNormal.Moments(alpha, beta);
        Assert.Equal(logP, m.LogMass, 1e-14 * Math.Max(1, Math.Abs(logP)));
        Assert.Equal(mean, m.Mean, 1e-14 * Math.Max(1, Math.Abs(mean)));
        Assert.Equal(variance, m.Variance, 1e-12 * variance + 1e-15);
        // reflection
        var r = TruncatedNormal.Moments(-beta, -alpha);
        Assert.Equal(m.LogMass, r.LogMass, 1e-15 * Math.Max(1, Math.Abs(logP)));
        Assert.Equal(-m.Mean, r.Mean, 1e-15 * Math.Max(1, Math.Abs(mean)));
        Assert.Equal(m.Variance, r.Variance, 1e-15);
    }

    [Fact]
    public void MillsExcess_ContinuedFraction_AgreesWithErfcAcrossTheSwitch()
    {
        for (double z = 1.5; z <= 2.5; z += 0.125)
        {
            double q = 0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2));
            double phi = Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
            double viaErfc = phi / q - z;
            Assert.Equal(viaErfc, TruncatedNormal.MillsExcess(z), 1e-12 * viaErfc);
        }
    }

    [Fact]
    public void LogUpperTail_IsFiniteAndAsymptotic_WhereErfcUnderflows()
    {
        for (double z = 0; z < 30; z += 0.5)
            Assert.Equal(Math.Log(0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2))), TruncatedNormal.LogUpperTail(z), 1e-13 * (1 + z * z));
        foreach (double z in new[] { 50.0, 1e3, 1e6 })
        {
            double asymptotic = -0.5 * z * z - Math.Log(z * Math.Sqrt(2 * Math.PI)) + Math.Log(1 - 1 / (z * z) + 3 / Math.Pow(z, 4) - 15 / Math.Pow(z, 6) + 105 / Math.Pow(z, 8) - 945 / Math.Pow(z, 10));
            Assert.Equal(asymptotic, TruncatedNormal.LogUpperTail(z), 1e-15 * z * z);
        }
        Assert.Equal(Math.Log(1 - 0.5 * SpecialFunctions.Erfc(3 / Math.Sqrt(2))), TruncatedNormal.LogUpperTail(-3), 1e-15);
    }
}
