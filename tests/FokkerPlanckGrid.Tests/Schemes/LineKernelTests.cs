using System.Numerics;
using FokkerPlanckGrid.Schemes;

namespace FokkerPlanckGrid.Tests.Schemes;

/// <summary>
/// The fast kernels of the split step perform, line by line, exactly the arithmetic of the reference
/// <see cref="Tridiagonal"/> solve: their results agree to the bit, for assembled and for on-the-fly coefficients.
/// </summary>
public class LineKernelTests
{
    private static double[] Random(Random r, int n, double scale) => Enumerable.Range(0, n).Select(_ => scale * (2 * r.NextDouble() - 1)).ToArray();

    /// <summary>Reference: assemble the line's coefficients with the upwind formula, walls zero, and call SolveLine.</summary>
    private static double[] Reference(double[] score, int faceStart, int faceStride, double[] v, int start, int stride, int n,
        double scale, double diffusion)
    {
        var cL = new double[n + 1];
        var cR = new double[n + 1];
        for (int f = 1; f < n; f++)
        {
            var (l, r) = new UpwindFromScore(score, scale, diffusion).At(faceStart + f * faceStride);
            cL[f] = l;
            cR[f] = r;
        }
        var line = Enumerable.Range(0, n).Select(i => v[start + i * stride]).ToArray();
        Tridiagonal.SolveLine(cL, cR, line, new double[n]);
        return line;
    }

    [Theory]
    [InlineData(37, 24, 0.3, 0.01)]
    [InlineData(64, 64, 50.0, 0.0)]
    [InlineData(5, 19, 1e4, 3.0)]
    [InlineData(13, 75, 2.0, 0.05)]
    public void StripAndColumn_MatchTheReferenceSolve_BitForBit(int nx, int ny, double scale, double diffusion)
    {
        var r = new Random(nx * 1000 + ny);
        var score = Random(r, (nx + 1) * ny, 3);
        var v = Enumerable.Range(0, nx * ny).Select(_ => r.NextDouble()).ToArray();
        var expected = Enumerable.Range(0, ny).Select(j => Reference(score, j, ny, v, j, ny, nx, scale, diffusion)).ToArray();
        var coefficients = new UpwindFromScore(score, scale, diffusion);
        var scratch = new double[LineKernels.StripScratch(nx, LineKernels.StripWidth(nx))];
        LineKernels.Columns(coefficients, v, nx, ny, 0, ny, scratch);   // full strips, a narrower strip, single columns
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[j][i]), BitConverter.DoubleToInt64Bits(v[i * ny + j]));
    }

    [Theory]
    [InlineData(9, 33, 0.7, 0.02)]
    [InlineData(4, 128, 1e3, 0.0)]
    [InlineData(21, 17, 5.0, 0.3)]
    [InlineData(16, 4, 2.0, 0.1)]     // one block of four cells, the wall face inside it
    [InlineData(8, 6, 0.5, 0.01)]     // one block and two single cells
    [InlineData(8, 3, 8.0, 0.2)]      // no whole block
    public void EightFourAndOneRows_MatchTheReferenceSolve_BitForBit(int nx, int ny, double scale, double diffusion)
    {
        var r = new Random(nx + 7 * ny);
        var score = Random(r, nx * (ny + 1), 3);
        var v = Enumerable.Range(0, nx * ny).Select(_ => r.NextDouble()).ToArray();
        var expected = Enumerable.Range(0, nx).Select(i => Reference(score, i * (ny + 1), 1, v, i * ny, 1, ny, scale, diffusion)).ToArray();
        var coefficients = new UpwindFromScore(score, scale, diffusion);
        var scratch = new double[16 * ny];
        int i0 = 0;
        if (LineKernels.EightRowsAccelerated)
            for (; i0 + 8 <= nx; i0 += 8) LineKernels.EightRows(coefficients, v, i0, ny, scratch);
        for (; i0 + 4 <= nx; i0 += 4) LineKernels.FourRows(coefficients, v, i0, ny, scratch);
        for (; i0 < nx; i0++) LineKernels.OneRow(coefficients, v, i0, ny, scratch);
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i][j]), BitConverter.DoubleToInt64Bits(v[i * ny + j]));
    }

    [Fact]
    public void AssembledAndOnTheFlyCoefficients_AreTheSameNumbers()
    {
        var r = new Random(3);
        var score = Random(r, 64, 10);
        score[5] = 0.0;
        score[6] = -0.0;
        var cL = new double[64];
        var cR = new double[64];
        UpwindFlux.Instance.Coefficients(score, 1.0, 0.37, 0.05, cL, cR);
        var onTheFly = new UpwindFromScore(score, 0.37, 0.05);
        var assembled = new AssembledCoefficients(cL, cR);
        for (int f = 0; f < 64; f++)
        {
            Assert.Equal(assembled.At(f), onTheFly.At(f));
            if (f + 3 * 5 < 64) Assert.Equal(assembled.Gather4(f, 5), onTheFly.Gather4(f, 5));
            if (System.Runtime.Intrinsics.X86.Avx.IsSupported && f + 3 * 5 + 3 < 64)
            {
                // a transposed 4x4 block is four gathers
                onTheFly.Block4(f, 5, out var l, out var rr);
                assembled.Block4(f, 5, out var la, out var ra);
                var blocks = new[] { (l.K0, rr.K0, la.K0, ra.K0), (l.K1, rr.K1, la.K1, ra.K1), (l.K2, rr.K2, la.K2, ra.K2), (l.K3, rr.K3, la.K3, ra.K3) };
                for (int k = 0; k < 4; k++)
                {
                    var gathered = onTheFly.Gather4(f + k, 5);
                    Assert.Equal(gathered, (blocks[k].Item1, blocks[k].Item2));
                    Assert.Equal(gathered, (blocks[k].Item3, blocks[k].Item4));
                }
            }
            if (f % Vector<double>.Count == 0 && f + Vector<double>.Count <= 64)
            {
                var (l1, r1) = onTheFly.AtVector(f);
                var (l2, r2) = assembled.AtVector(f);
                Assert.Equal(l2, l1);
                Assert.Equal(r2, r1);
            }
        }
    }
}

/// <summary>The split step hands strips and row blocks to whichever worker is free: the result must not depend on it.</summary>
public class SplitStepperThreadTests
{
    [Theory]
    [InlineData(37, 53, false)]
    [InlineData(64, 40, true)]
    [InlineData(20, 7, false)]
    [InlineData(23, 150, true)]
    public void SameBits_AtOneTwoAndThreeThreads(int nx, int ny, bool strang)
    {
        var grid = FokkerPlanckGrid.Grids.Grid.OnRectangle(-4, 4, nx, -3, 3, ny);
        var data = new FokkerPlanckGrid.Distributions.DiracMixture([[-1.0, 0.5], [1.2, -0.3]], [0.4, 0.6]);
        double[] Solve(int threads)
        {
            var equation = new FokkerPlanckGrid.Equations.BackwardFokkerPlanck(FokkerPlanckGrid.Cases.CaseBuilder.Exact(data, threads), 0.3);
            var stepper = new SplitStepper2D(equation, grid, UpwindFlux.Instance, strang, threads);
            var v = FokkerPlanckGrid.Distributions.CellAverages.Of(data, grid, 1);
            double t = 1.0;
            for (int k = 0; k < 5; k++)
            {
                stepper.Prepare(t * 0.8, t * 0.2);
                stepper.Apply(v);
                t *= 0.8;
            }
            return v;
        }
        var one = Solve(1);
        Assert.Equal(one, Solve(2));
        Assert.Equal(one, Solve(3));
    }
}
