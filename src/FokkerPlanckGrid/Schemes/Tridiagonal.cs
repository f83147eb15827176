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
/// Why the floating-point solve keeps it: the Thomas recurrence, with the pivot written through its column-sum part
/// sigma_i = m_i - cL[i+1] (Grassmann-Taksar-Heyman style),
/// <code>
///   sigma_i = 1 - cR[i] (sigma_{i-1} / m_{i-1}),   m_i = cL[i+1] + sigma_i,   c'_i = cR[i+1] / m_i,
///   d'_i = (v_i + cL[i] d'_{i-1}) / m_i,           v_i = d'_i - c'_i v_{i+1}
/// </code>
/// (sigma_{-1} / m_{-1} = 1) has c' &lt;= 0 and sigma, m, d' &gt; 0 or &gt;= 0, so every operation adds, multiplies or
/// divides non-negative numbers: v_new &gt;= 0 holds exactly in floating point, and each computed value is a
/// subtraction-free expression whose relative error is O(n u), so the mass is conserved to O(n u) relative for any
/// dtau. (The textbook pivot m_i = 1 + cL[i+1] - cR[i] + cL[i] c'_{i-1} is the same number in exact arithmetic but
/// subtracts cL[i] |cR[i]| / m_{i-1} from |cR[i]|: when the coefficients are huge (Courant or diffusion numbers
/// C &gt;&gt; 1) it cancels and loses the "1" of I + dtau A, i.e. the mass, to ~u C relative.) One division per cell.
/// </summary>
public static class Tridiagonal
{
    /// <summary>
    /// Solves one contiguous line in place. <paramref name="cL"/>, <paramref name="cR"/> have n+1 entries (faces);
    /// <paramref name="scratch"/> needs n entries.
    /// </summary>
    public static void SolveLine(ReadOnlySpan<double> cL, ReadOnlySpan<double> cR, Span<double> v, Span<double> scratch)
    {
        int n = v.Length;
        double cPrev = 0, dPrev = 0, sPrev = 1, cLi = cL[0];
        for (int i = 0; i < n; i++)
        {
            double cRi = cR[i], cLn = cL[i + 1], cRn = cR[i + 1];
            double sigma = 1.0 - cRi * sPrev;   // 1 + |cR[i]| sigma_{i-1} / m_{i-1}: no cancellation
            double r = 1.0 / (cLn + sigma);
            sPrev = sigma * r;
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
        double cPrev = 0, dPrev = 0, sPrev = 1, cLi = cL[0];
        for (int i = 0; i < n; i++)
        {
            double cRi = cR[i * stride], cLn = cL[(i + 1) * stride], cRn = cR[(i + 1) * stride];
            double sigma = 1.0 - cRi * sPrev;
            double r = 1.0 / (cLn + sigma);
            sPrev = sigma * r;
            cPrev = cRn * r;
            dPrev = (v[i * stride] + cLi * dPrev) * r;
            scratch[i] = cPrev;
            v[i * stride] = dPrev;
            cLi = cLn;
        }
        for (int i = n - 2; i >= 0; i--) v[i * stride] -= scratch[i] * v[(i + 1) * stride];
    }
}
