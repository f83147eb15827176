namespace FokkerPlanckGrid.Schemes;

/// <summary>
/// The implicit step of one line of n cells in flux form. With face coefficients cL[f], cR[f] of face f = 0..n
/// (face f between cells f-1 and f; the walls f = 0 and f = n carry zero flux: their coefficients must be 0)
/// the step (I + dtau A) v_new = v_old reads, for cell i,
/// <code>
///   -cL[i] v_{i-1} + (1 + cL[i+1] - cR[i]) v_i + cR[i+1] v_{i+1} = v_old_i.
/// </code>
/// Why it is a Markov step, for every dtau: cL &gt;= 0 &gt;= cR makes the off-diagonals non-positive and the matrix
/// strictly column diagonally dominant with every column summing to exactly 1 (column i: 1 + cL[i+1] - cR[i]
/// - cL[i+1] + cR[i]); such an M-matrix has an entrywise non-negative inverse whose columns sum to 1.
/// Why the floating-point solve keeps it: the Thomas recurrence
/// <code>
///   m_i = 1 + cL[i+1] - cR[i] + cL[i] c'_{i-1},   c'_i = cR[i+1] / m_i,   d'_i = (v_i + cL[i] d'_{i-1}) / m_i,
///   v_i = d'_i - c'_i v_{i+1}
/// </code>
/// has m_i &gt;= 1 + cL[i+1] (because cL[i] |c'_{i-1}| &lt;= |cR[i]| cL[i] / (1 + cL[i]) &lt; |cR[i]|), c' &lt;= 0 and
/// d' &gt;= 0, so every operation adds non-negative numbers: v_new &gt;= 0 holds exactly in floating point. One division
/// per cell (1 / m_i).
/// </summary>
public static class Tridiagonal
{
    /// <summary>
    /// Zeroes the wall coefficients of a line of n cells whose faces are <paramref name="stride"/> apart.</summary>
    public static void ZeroWalls(Span<double> cL, Span<double> cR, int n, int stride = 1)
    {
        cL[0] = cR[0] = 0;
        cL[n * stride] = cR[n * stride] = 0;
    }

    /// <summary>
    /// Solves one contiguous line in place. <paramref name="cL"/>, <paramref name="cR"/> have n+1 entries (faces);
    /// <paramref name="scratch"/> needs n entries.
    /// </summary>
    public static void SolveLine(ReadOnlySpan<double> cL, ReadOnlySpan<double> cR, Span<double> v, Span<double> scratch)
    {
        int n = v.Length;
        double cPrev = 0, dPrev = 0, cLi = cL[0];
        for (int i = 0; i < n; i++)
        {
            double cRi = cR[i], cLn = cL[i + 1], cRn = cR[i + 1];
            double r = 1.0 / (1.0 + cLn - cRi + cLi * cPrev);
            cPrev = cRn * r;
            dPrev = (v[i] + cLi * dPrev) * r;
            scratch[i] = cPrev;
            v[i] = dPrev;
            cLi = cLn;
        }
        for (int i = n - 2; i >= 0; i--) v[i] -= scratch[i] * v[i + 1];
    }

    /// <summary>
    /// Solves one line of cells spaced <paramref name="stride"/> apart (cell i at v[i * stride]) whose face coefficients
    /// are spaced likewise (face f at cL[f * stride]); scratch needs n entries.
    /// </summary>
    public static void SolveStridedLine(ReadOnlySpan<double> cL, ReadOnlySpan<double> cR, Span<double> v, int n, int stride,
        Span<double> scratch)
    {
        double cPrev = 0, dPrev = 0, cLi = cL[0];
        for (int i = 0; i < n; i++)
        {
            double cRi = cR[i * stride], cLn = cL[(i + 1) * stride], cRn = cR[(i + 1) * stride];
            double r = 1.0 / (1.0 + cLn - cRi + cLi * cPrev);
            cPrev = cRn * r;
            dPrev = (v[i * stride] + cLi * dPrev) * r;
            scratch[i] = cPrev;
            v[i * stride] = dPrev;
            cLi = cLn;
        }
        for (int i = n - 2; i >= 0; i--) v[i * stride] -= scratch[i] * v[(i + 1) * stride];
    }

    /// <summary>
    /// Solves four contiguous lines of n cells in place, interleaved so that their four recurrences overlap in the
    /// pipeline (the single-line recurrence is bound by the latency of its division). Line r starts at
    /// v[start + r * stride]; its n+1 face coefficients start at cL[faceStart + r * faceStride]. Per line the
    /// arithmetic is exactly that of <see cref="SolveLine"/>, so the results agree to the bit. Scratch: 4 n entries.
    /// </summary>
    public static void SolveFourLines(ReadOnlySpan<double> cL, ReadOnlySpan<double> cR, int faceStart, int faceStride,
        Span<double> v, int start, int stride, int n, Span<double> scratch)
    {
        int f0 = faceStart, f1 = f0 + faceStride, f2 = f1 + faceStride, f3 = f2 + faceStride;
        int v0 = start, v1 = v0 + stride, v2 = v1 + stride, v3 = v2 + stride;
        var s0 = scratch[..n];
        var s1 = scratch.Slice(n, n);
        var s2 = scratch.Slice(2 * n, n);
        var s3 = scratch.Slice(3 * n, n);
        var l0 = cL.Slice(f0, n + 1); var l1 = cL.Slice(f1, n + 1); var l2 = cL.Slice(f2, n + 1); var l3 = cL.Slice(f3, n + 1);
        var r0 = cR.Slice(f0, n + 1); var r1 = cR.Slice(f1, n + 1); var r2 = cR.Slice(f2, n + 1); var r3 = cR.Slice(f3, n + 1);
        var x0 = v.Slice(v0, n); var x1 = v.Slice(v1, n); var x2 = v.Slice(v2, n); var x3 = v.Slice(v3, n);
        double c0 = 0, c1 = 0, c2 = 0, c3 = 0, d0 = 0, d1 = 0, d2 = 0, d3 = 0;
        double a0 = l0[0], a1 = l1[0], a2 = l2[0], a3 = l3[0];
        for (int i = 0; i < n; i++)
        {
            double n0 = l0[i + 1], n1 = l1[i + 1], n2 = l2[i + 1], n3 = l3[i + 1];
            double q0 = 1.0 / (1.0 + n0 - r0[i] + a0 * c0);
            double q1 = 1.0 / (1.0 + n1 - r1[i] + a1 * c1);
            double q2 = 1.0 / (1.0 + n2 - r2[i] + a2 * c2);
            double q3 = 1.0 / (1.0 + n3 - r3[i] + a3 * c3);
            c0 = r0[i + 1] * q0; c1 = r1[i + 1] * q1; c2 = r2[i + 1] * q2; c3 = r3[i + 1] * q3;
            d0 = (x0[i] + a0 * d0) * q0; d1 = (x1[i] + a1 * d1) * q1;
            d2 = (x2[i] + a2 * d2) * q2; d3 = (x3[i] + a3 * d3) * q3;
            s0[i] = c0; s1[i] = c1; s2[i] = c2; s3[i] = c3;
            x0[i] = d0; x1[i] = d1; x2[i] = d2; x3[i] = d3;
            a0 = n0; a1 = n1; a2 = n2; a3 = n3;
        }
        for (int i = n - 2; i >= 0; i--)
        {
            x0[i] -= s0[i] * x0[i + 1];
            x1[i] -= s1[i] * x1[i + 1];
            x2[i] -= s2[i] * x2[i + 1];
            x3[i] -= s3[i] * x3[i + 1];
        }
    }
}
