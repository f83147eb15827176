using System.Numerics;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FokkerPlanckGrid.Tests.Schemes;

/// <summary>The Thomas line solver against a dense LU solve, and its strided and SIMD-strip variants bit for bit.</summary>
public class TridiagonalTests
{
    /// <summary>The matrix of <see cref="Tridiagonal"/>'s doc comment, entry by entry as the solver sees it.</summary>
    private static DenseMatrix Matrix(double[] cL, double[] cR)
    {
        int n = cL.Length - 1;
        var a = new DenseMatrix(n, n);
        for (int i = 0; i < n; i++)
        {
            a[i, i] = 1.0 + cL[i + 1] - cR[i];
            if (i > 0) a[i, i - 1] = -cL[i];
            if (i < n - 1) a[i, i + 1] = cR[i + 1];
        }
        return a;
    }

    private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    [Property(MaxTest = 200, Arbitrary = [typeof(LineArbitraries)])]
    public void SolveLine_AgreesWithDenseSolve_ForAnyMMatrixLine(LineCase line)
    {
        var x = (double[])line.V.Clone();
        Tridiagonal.SolveLine(line.CL, line.CR, x, new double[line.N]);
        var y = Matrix(line.CL, line.CR).Solve(DenseVector.OfArray(line.V));
        double scale = y.InfinityNorm(), worst = 0;
        for (int i = 0; i < line.N; i++) worst = Math.Max(worst, Math.Abs(x[i] - y[i]));
        // cond_1 <= (1 + 2 max c)(1) (the inverse is a Markov matrix, ||A^-1||_1 = 1): LU's error is <= ~4e3 * n * u
        Assert.True(worst <= 1e-12 * scale, $"max |thomas - dense| = {worst:G3} vs max |x| = {scale:G3}");
        // exact positivity of the solve: no tolerance
        Assert.All(x, xi => Assert.True(xi >= 0, $"negative value {xi:G17}"));
    }

    /// <summary>
    /// Dyadic coefficients k 2^-10, k &lt; 2^20, make every entry and every column sum exact in floating point, so the
    /// algebraic identity "column i: (1 + cL[i+1] - cR[i]) - cL[i+1] + cR[i] = 1" is checked with == 1.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Matrix_HasColumnSumsExactlyOne_AndIsAnMMatrix() =>
        Prop.ForAll(Arb.From(
            from n in Gen.Choose(2, 60)
            from cl in Gen.ArrayOf(Gen.Choose(0, 1 << 20), n + 1)
            from cr in Gen.ArrayOf(Gen.Choose(0, 1 << 20), n + 1)
            select (n, cl, cr)), c =>
        {
            var (n, cl, cr) = c;
            var cL = cl.Select((k, f) => f == 0 || f == n ? 0.0 : k / 1024.0).ToArray();
            var cR = cr.Select((k, f) => f == 0 || f == n ? 0.0 : -k / 1024.0).ToArray();
            var a = Matrix(cL, cR);
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int i = 0; i < n; i++) sum += a[i, j];
                Assert.Equal(1.0, sum);
                for (int i = 0; i < n; i++)
                    if (i != j) Assert.True(a[i, j] <= 0, "off-diagonal entries are <= 0");
            }
        });

    [Property(MaxTest = 200, Arbitrary = [typeof(LineArbitraries)])]
    public void SolveStridedLine_EqualsSolveLine_BitForBit(LineCase line, PositiveInt strideSeed)
    {
        int n = line.N, stride = 1 + strideSeed.Get % 7;
        var x = (double[])line.V.Clone();
        Tridiagonal.SolveLine(line.CL, line.CR, x, new double[n]);
        // the strided layout, with NaN between the entries of the line: they must be neither read nor written
        var v = Enumerable.Repeat(double.NaN, (n - 1) * stride + 1).ToArray();
        var cL = Enumerable.Repeat(double.NaN, n * stride + 1).ToArray();
        var cR = Enumerable.Repeat(double.NaN, n * stride + 1).ToArray();
        for (int i = 0; i < n; i++) v[i * stride] = line.V[i];
        for (int f = 0; f <= n; f++) { cL[f * stride] = line.CL[f]; cR[f * stride] = line.CR[f]; }
        Tridiagonal.SolveStridedLine(cL, cR, v, n, stride, new double[n]);
        for (int i = 0; i < n; i++) Assert.True(SameBits(x[i], v[i * stride]), $"cell {i}: {x[i]:R} vs {v[i * stride]:R}");
        for (int k = 0; k < v.Length; k++) if (k % stride != 0) Assert.True(double.IsNaN(v[k]), "wrote between the line's cells");
    }

    /// <summary>
    /// A 2D x-sweep as <see cref="SplitStepper2D"/> does it (<see cref="LineKernels.Columns"/>): full strips through
    /// <see cref="LineKernels.Strip"/>, a narrower strip, the last few columns through <see cref="LineKernels.Column"/>; every column must
    /// equal SolveStridedLine on that column bit for bit. ny is a multiple of Vector&lt;double&gt;.Count half the time.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property StripKernel_EqualsSolveStridedLine_ColumnByColumn_BitForBit() =>
        Prop.ForAll(Arb.From(
            from nx in Gen.Choose(2, 40)
            from multiple in Gen.Elements(true, false)
            from q in Gen.Choose(1, 20)
            from extra in Gen.Choose(1, Vector<double>.Count * 4 - 1)
            let vc = Vector<double>.Count
            let ny = multiple ? q * vc : q * vc + extra
            let width = LineKernels.StripWidth(nx)
            from lines in Gen.ArrayOf(LineArbitraries.Lines(nx, nx), ny)
            select (nx, ny, width, lines)), c =>
        {
            var (nx, ny, width, lines) = c;
            var cL = new double[(nx + 1) * ny];
            var cR = new double[(nx + 1) * ny];
            var v = new double[nx * ny];
            for (int j = 0; j < ny; j++)
            {
                for (int f = 0; f <= nx; f++) { cL[f * ny + j] = lines[j].CL[f]; cR[f * ny + j] = lines[j].CR[f]; }
                for (int i = 0; i < nx; i++) v[i * ny + j] = lines[j].V[i];
            }
            var reference = (double[])v.Clone();
            for (int j = 0; j < ny; j++)
                Tridiagonal.SolveStridedLine(cL.AsSpan(j), cR.AsSpan(j), reference.AsSpan(j), nx, ny, new double[nx]);
            var scratch = new double[LineKernels.StripScratch(nx, width)];
            LineKernels.Columns(new AssembledCoefficients(cL, cR), v, nx, ny, 0, ny, scratch);
            for (int p = 0; p < v.Length; p++)
                Assert.True(SameBits(reference[p], v[p]), $"nx {nx} ny {ny} width {width}: cell ({p / ny}, {p % ny}) {reference[p]:R} vs {v[p]:R}");
        });
}
