using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Tests.Distributions;

/// <summary>
/// <see cref="LogCellAverages"/>: log of the cell averages of u(t), finite and exact where the averages underflow.
/// References: mpmath at 60-100 digits (interval probabilities from ncdf on the far side; the uniform box by its Psi
/// formula, reflected to the right of the box; the correlated Gaussian by 2D Gauss-Legendre on 40 x 40 sub-cells).
/// </summary>
public class LogCellAveragesTests
{
    /// <summary>Allowed error of a log: a few ulps of its size (the tables add logs of sizes up to |log|).</summary>
    private static double Tol(double log, double relative = 1e-14) => relative * Math.Max(1, Math.Abs(log));

    private static void AssertLogs(double[] expected, double[] logs, double relative = 1e-14)
    {
        Assert.Equal(expected.Length, logs.Length);
        for (int c = 0; c < logs.Length; c++)
            Assert.True(Math.Abs(logs[c] - expected[c]) <= Tol(expected[c], relative), $"cell {c}: {logs[c]:R} vs {expected[c]:R}");
    }

    private static (double[] Averages, double[] Logs) Compute(IDataDistribution data, Grid grid, double t)
    {
        var averages = new double[grid.CellCount];
        var logs = new double[grid.CellCount];
        LogCellAverages.Of(data, grid, t, averages, logs);
        return (averages, logs);
    }

    [Fact]
    public void Logs_MatchHighPrecision_ForADiracMixture1D_DownTo_exp_minus5646()
    {
        var (averages, logs) = Compute(TestDistributions.Create("dirac-1d"), Grid.OnInterval(-6, 6, 48), 1e-3);
        Assert.Contains(averages, a => a == 0);   // the case this is about: the plain averages underflow
        AssertLogs(Dirac1D, logs);
    }

    [Fact]
    public void Logs_MatchHighPrecision_ForADiracMixture2D()
    {
        var (averages, logs) = Compute(TestDistributions.Create("dirac-2d"), Grid.OnRectangle(-6, 6, 8, -6, 6, 8), 0.01);
        Assert.Contains(averages, a => a < LogCellAverages.Tiny);
        AssertLogs(Dirac2D, logs);
    }

    [Fact]
    public void Logs_MatchHighPrecision_ForADiagonalGaussianMixture2D()
    {
        var (_, logs) = Compute(TestDistributions.Create("gaussian-2d-diagonal"), Grid.OnRectangle(-9, 9, 6, -9, 9, 6), 1e-3);
        AssertLogs(DiagonalGaussian2D, logs);
    }

    [Fact]
    public void Logs_MatchHighPrecision_ForAUniformBox_FarOnBothSides()
    {
        var box = TestDistributions.Create("uniform-1d");   // [-1, 2]
        var (averages, logs) = Compute(box, Grid.OnInterval(-5, 6, 44), 1e-4);
        Assert.Contains(averages, a => a == 0);
        AssertLogs(Box1D, logs);
        // narrow cells (Gauss-Legendre branch), wide cells (Psi-tail branch), and the mirror image on the left
        AssertLogs(BoxNarrow, Compute(box, Grid.OnInterval(2.6, 2.6016, 16), 1e-4).Logs, 1e-13);
        AssertLogs(BoxWide, Compute(box, Grid.OnInterval(2.6, 2.6016, 4), 1e-4).Logs, 1e-13);
        AssertLogs(BoxLeft, Compute(box, Grid.OnInterval(-1.6016, -1.6, 16), 1e-4).Logs, 1e-13);
    }

    /// <summary>A uniform box factorises: in 2D the log is the sum of the two 1D logs, where the product underflows too.</summary>
    [Fact]
    public void Logs_OfAUniformBox2D_AreSumsOfThe1DLogs()
    {
        var box2 = new UniformBox([-1.0, 0.0], [1.0, 0.5]);
        var grid = Grid.OnRectangle(-4, 4, 16, -5, 5, 20);
        var (averages, logs) = Compute(box2, grid, 1e-3);
        var x = Compute(new UniformBox([-1.0], [1.0]), Grid.OnInterval(-4, 4, 16), 1e-3).Logs;
        var y = Compute(new UniformBox([0.0], [0.5]), Grid.OnInterval(-5, 5, 20), 1e-3).Logs;
        Assert.Contains(averages, a => a == 0);
        for (int i = 0; i < 16; i++)
            for (int j = 0; j < 20; j++)
                Assert.Equal(x[i] + y[j], logs[i * 20 + j], Tol(x[i] + y[j]));
    }

    /// <summary>(cell, log of its average): the correlated mixture goes through the log-space quadrature.</summary>
    public static TheoryData<double, double, double, double, double> CorrelatedCells => new()
    {
        { 19.0, 19.5, 19.0, 19.5, -1401.3486045434047011 },
        { -20.0, -19.5, 10.0, 10.5, -2647.0193037073715145 },
        { 12.0, 12.5, -14.0, -13.5, -2357.2659462788953505 },
    };

    [Theory]
    [MemberData(nameof(CorrelatedCells))]
    public void Logs_MatchHighPrecision_ForACorrelatedGaussianMixture_ByQuadrature(double x0, double x1, double y0, double y1, double expected)
    {
        var grid = Grid.OnRectangle(x0, 2 * x1 - x0, 2, y0, 2 * y1 - y0, 2);   // the cell is cell 0
        var (averages, logs) = Compute(TestDistributions.Create("gaussian-2d-full"), grid, 1e-3);
        Assert.Equal(0, averages[0]);
        Assert.True(Math.Abs(logs[0] - expected) <= 1e-9 * Math.Abs(expected), $"{logs[0]:R} vs {expected:R}");
    }

    /// <summary>
    /// Every log-space path agrees with Math.Log of the plain average wherever that is representable: the log-space
    /// paths forced on every cell (threshold +inf), compared on the cells whose average is at least 1e-300.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDistributions.All), MemberType = typeof(TestDistributions))]
    public void LogSpacePaths_AgreeWithMathLog_WhereTheAverageIsRepresentable(string name)
    {
        var data = TestDistributions.Create(name);
        var grid = data.Dimension == 1 ? Grid.OnInterval(-4, 4, 40) : Grid.OnRectangle(-3, 3, 12, -3, 3, 12);
        int compared = 0;
        foreach (double t in new[] { 1e-3, 0.02, 1 })
        {
            var averages = CellAverages.Of(data, grid, t);
            var logs = new double[grid.CellCount];
            LogCellAverages.Logs(data, grid, t, averages, logs, double.PositiveInfinity);
            // the quadrature fallback (correlated Gaussians) is a quadrature, not a closed form, made for the far field
            // (where log u is nearly linear across a cell): compared there only
            bool quadrature = name == "gaussian-2d-full";
            double relative = quadrature ? 1e-9 : 1e-13, largest = quadrature ? 1e-20 : double.PositiveInfinity;
            for (int c = 0; c < averages.Length; c++)
            {
                if (!(averages[c] >= 1e-300 && averages[c] <= largest)) continue;
                compared++;
                Assert.True(Math.Abs(logs[c] - Math.Log(averages[c])) <= Tol(logs[c], relative),
                    $"{name}, t {t}, cell {c}: {logs[c]:R} vs log {averages[c]:R}");
            }
        }
        Assert.True(compared >= 20, $"{compared} cells compared");
    }

    /// <summary>
    /// The OU laws of a Dirac mixture are the Gaussian mixture sum_k w_k N(e^-tau y_k, (1 - e^-2tau) I): the scaled-grid
    /// path and the Gaussian path agree, also where tau is small and the averages underflow.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Logs_OfTheOuLaws_EqualThoseOfTheEquivalentGaussianMixture(int d)
    {
        var dirac = TestDistributions.Create(d == 1 ? "dirac-1d" : "dirac-2d") as DiracMixture;
        var grid = d == 1 ? Grid.OnInterval(-5, 5, 50) : Grid.OnRectangle(-5, 5, 20, -5, 5, 20);
        double tau = 2e-3, a = Math.Exp(-tau), variance = -global::FokkerPlanckGrid.Equations.AccurateExp.Expm1(-2 * tau);
        var means = Enumerable.Range(0, dirac!.Count).Select(k => Enumerable.Range(0, d).Select(c => a * dirac.Point(k, c)).ToArray()).ToArray();
        var gaussian = GaussianMixture.Isotropic(means, Enumerable.Repeat(variance, dirac.Count).ToArray(), dirac.Weights);
        var (averages, logs) = Compute(new OrnsteinUhlenbeckMarginals(dirac), grid, tau);
        var (_, reference) = Compute(gaussian, grid, 0);
        Assert.Contains(averages, v => v == 0);
        for (int c = 0; c < logs.Length; c++)
            Assert.True(Math.Abs(logs[c] - reference[c]) <= Tol(reference[c], 1e-11), $"cell {c}: {logs[c]:R} vs {reference[c]:R}");
    }

    /// <summary>
    /// KL(v || w) with w = (1, 1, e^-1000) up to normalisation and v uniform on three cells: sum w = 2 in double, so
    /// KL = (2/3) log((1/3)/(1/2)) + (1/3) (log(1/3) - log(e^-1000 / 2)) = log(2/3) + 1000/3, finite although w_3 is 0
    /// in double (the two-argument form, which has only w, says +inf).
    /// </summary>
    [Fact]
    public void KullbackLeibler_WithLogs_IsFinite_WhereWUnderflows()
    {
        double[] v = [1, 1, 1], w = [1, 1, 0], logW = [0, 0, -1000];
        Assert.Equal(double.PositiveInfinity, KullbackLeibler.Of(v, w));
        double expected = Math.Log(2.0 / 3) + 1000.0 / 3;
        Assert.Equal(expected, KullbackLeibler.Of(v, w, logW), 1e-13 * expected);
        Assert.Equal(double.PositiveInfinity, KullbackLeibler.Of(v, w, [0, 0, double.NegativeInfinity]));   // w genuinely 0
    }

    [Fact]
    public void KullbackLeibler_WithLogs_EqualsTheTwoArgumentForm_ToTheBit_WhereNothingUnderflows()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 50; trial++)
        {
            var v = Enumerable.Range(0, 200).Select(_ => random.NextDouble() < 0.1 ? 0 : Math.Exp(-40 * random.NextDouble())).ToArray();
            var w = Enumerable.Range(0, 200).Select(_ => Math.Exp(-600 * random.NextDouble())).ToArray();
            Assert.Equal(KullbackLeibler.Of(v, w), KullbackLeibler.Of(v, w, w.Select(x => Math.Log(x)).ToArray()));
        }
    }

    /// <summary>
    /// log(v/u) = g x + const with u = e^(-a x) underflowing over half the line: I(v | u) = g^2 (the gradient of log(v/u)
    /// squared, averaged over v's faces). With log u every face counts; the old form skipped those where u = 0.
    /// </summary>
    [Fact]
    public void FisherInformation_WithLogs_CountsTheFacesWhereUUnderflows()
    {
        var grid = Grid.OnInterval(0, 10, 100);
        double a = 150, g = 0.7;
        var logU = Enumerable.Range(0, 100).Select(i => -a * grid.X.Center(i)).ToArray();
        var u = logU.Select(Math.Exp).ToArray();
        var v = Enumerable.Range(0, 100).Select(i => Math.Exp(-0.3 * grid.X.Center(i))).ToArray();   // log v = log u + (a - 0.3) x
        g = a - 0.3;
        double faceMass = 0;
        for (int i = 0; i + 1 < 100; i++) faceMass += 0.5 * (v[i] + v[i + 1]) * grid.X.H;
        double expected = g * g * faceMass / (v.Sum() * grid.X.H);
        Assert.Contains(u, x => x == 0);
        Assert.Equal(expected, FisherInformation.Relative(grid, v, u, logU), 1e-11 * expected);
        double old = FisherInformation.Relative(grid, v, u);   // NaN: log(v/u) = +inf where u is subnormal, inf - inf
        Assert.False(old >= 0.9 * expected, $"without log u: {old:R}, expected {expected:R}");
    }

    private static readonly double[] Dirac1D =
    [
        -5646.4326193748005902, -5068.2535622715636985, -4521.3214158126756583, -4005.635805455811436, -3521.1962841454020626, -3068.0023123009461795,
        -2646.0532303896349492, -2255.3482205212986506, -1895.8862513335946261, -1567.6659966100073494, -1270.6857110222485954, -1004.9430326908261,
        -770.43465392008664966, -567.15573816402583821, -395.0988056146749331, -254.25137623101018969, -144.59022855261148088, -66.064084930926442707,
        -18.517863738305135521, -0.91629075455890385957, -0.91629075455890385957, -18.517863738305135521, -66.064084930926442707, -65.147794199052287697,
        -17.601573006430980511, -2.2684748849899774861e-8, -2.2684748849899774861e-8, -17.601573006430980511, -65.147794199052287697, -65.658619822818278417,
        -18.112398630196971231, -0.51082564645073957011, -0.51082564645073957011, -18.112398630196971231, -65.658619822818278417, -144.18476344450331659,
        -253.8459111229020254, -394.69334050656676881, -566.75027305591767392, -770.02918881197848537, -1004.5375675827179357, -1270.2802459141404311,
        -1567.2605315018991851, -1895.4807862254864618, -2254.9427554131904863, -2645.6477652815267849, -3067.5968471928380152, -3520.7908190372938983,
    ];

    private static readonly double[] Dirac2D =
    [
        -823.02425472734591203, -541.37001440154993441, -371.93335672161586308, -313.08738924774354827, -313.08738924774354827, -371.93335672161586308,
        -541.37001440154993441, -787.37640917392486235, -616.21795188610940775, -334.56371156031343012, -165.1270538803793588, -106.28108640650704399,
        -106.28108640650704399, -165.1270538803793588, -321.30637837964687789, -490.74303780706706698, -521.14487813399178353, -239.49063780819580591,
        -70.053980128261734581, -11.208012654389419771, -11.208012654389419771, -70.05365423277527789, -136.92871847165533592, -306.36537615158940724,
        -512.64511917741734797, -230.99087885162137035, -61.554221171687299021, -2.7082536978149842114, -2.6085101959763812478, -4.9631208191436227875,
        -63.809088293015937597, -233.24574597295000892, -512.64511917741734797, -230.99087885162137035, -61.554221171687299021, -2.7082536978149842114,
        -1.9068275201122939023, -2.5022829915323038853, -61.348250465404618695, -230.78490814533869002, -521.14487813399178353, -239.49063780819580591,
        -70.053980128261734581, -11.208012654389419771, -11.208012654389419645, -47.81918549852291646, -106.66515297261580378, -276.10181065254987511,
        -616.21795188610940775, -334.56371156031343012, -165.1270538803793588, -106.28108640650704399, -106.28108640650704399, -165.12705388037935873,
        -261.17344000786554685, -430.61009768779961818, -823.02425472734591203, -541.37001440154993441, -371.93335672161586308, -313.08738924774354827,
        -313.08738924774354827, -371.93335672161586308, -527.85097807228425053, -697.28763709732712088,
    ];

    private static readonly double[] DiagonalGaussian2D =
    [
        -192.03342921242230645, -146.66119567695520274, -129.80634547072848085, -129.80634547072848085, -146.66119567695520274, -192.03342921242230645,
        -88.195971268923984441, -42.823737733456880732, -25.96888752723015884, -25.96888752723015884, -42.823737733456880732, -88.195971268923984441,
        -65.811473808112706039, -20.43924027264560233, -3.5843900664188745824, -3.5843900664032504219, -20.43924027264560233, -65.811473808112706039,
        -72.856815080710387717, -27.484581545243284008, -10.009057329366191906, -2.890310889687931546, -27.484581545243284008, -72.856815080710387717,
        -147.69487586028122048, -102.32264232481411677, -85.467792115934224625, -85.467785036324734694, -102.32264232481411677, -147.69487586028122048,
        -310.01499198378697285, -264.64275844831986914, -247.78790824209314725, -247.78790824209314725, -264.64275844831986914, -310.01499198378697285,
    ];

    private static readonly double[] Box1D =
    [
        -35172.3006005923849, -30640.912621161661287, -26422.014413041530162, -22515.604337486695706, -18921.680327402734698, -15640.239723700875818,
        -12671.279025182444931, -10014.79349058275576, -7670.7764736973533058, -5639.2182430478457019, -3920.1037171786182015, -2513.4076458284282387,
        -1419.0827474453243797, -637.02314520182873744, -166.89395220266465754, -4.8898530564610105277, -1.1214384171496407154, -1.0986122886681096914,
        -1.0986122886681096914, -1.0986122886681096914, -1.0986122886681096914, -1.0986122886681096914, -1.0986122886681096914, -1.0986122886681096914,
        -1.0986122886681096914, -1.0986122886681096914, -1.0986122886681096914, -1.1214384171496407154, -4.8898530564610105277, -166.89395220266465754,
        -637.02314520182873744, -1419.0827474453243797, -2513.4076458284282387, -3920.1037171786182015, -5639.2182430478457019, -7670.7764736973533058,
        -10014.79349058275576, -12671.279025182444931, -15640.239723700875818, -18921.680327402734698, -22515.604337486695706, -26422.014413041530162,
        -30640.912621161661287, -35172.3006005923849,
    ];

    private static readonly double[] BoxNarrow =
    [
        -905.9122161832568163, -906.21243138923694205, -906.51269656733785016, -906.81301171756872975, -907.11337683993876536, -907.41379193445713697,
        -907.71425700113301999, -908.01477203997558527, -908.3153370509939991, -908.61595203419742321, -908.91661698959501478, -909.21733191719592646,
        -909.51809681700930631, -909.81891168904429789, -910.11977653331004019, -910.42069134981566768,
    ];

    private static readonly double[] BoxWide =
    [
        -906.30694418472800714, -907.50833148075267531, -908.71051828499622555, -909.91350459804956968,
    ];

    private static readonly double[] BoxLeft =
    [
        -910.42069134981566768, -910.11977653331004019, -909.81891168904429789, -909.51809681700930631, -909.21733191719592646, -908.91661698959501478,
        -908.61595203419742321, -908.3153370509939991, -908.01477203997558527, -907.71425700113301999, -907.41379193445713697, -907.11337683993876536,
        -906.81301171756872975, -906.51269656733785016, -906.21243138923694205, -905.9122161832568163,
    ];
}
