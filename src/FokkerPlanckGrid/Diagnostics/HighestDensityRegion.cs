namespace FokkerPlanckGrid.Diagnostics;

/// <summary>
/// The region holding a share q of a grid density's mass where the density is highest (the "region holding 95% of
/// the samples" of the paper's Figure 2, for a density): R_q = { cells with v &gt;= v* }, v* the largest level whose
/// superlevel set holds at least q of sum v. Among sets of cells holding q of the mass it has the fewest cells (on a
/// uniform grid: the least area): exchanging a cell of another set for a denser one outside it never lowers the mass.
/// Its boundary is the level line v = v*, which is how the figures draw it.
/// </summary>
/// <param name="Mask">membership per cell (the grid's C order)</param>
/// <param name="Level">v*, the smallest cell value in the region</param>
/// <param name="Share">the share of sum v the region holds (&gt;= q; more only by ties at v* and the last cell)</param>
/// <param name="Cells">number of cells in the region</param>
public sealed record HighestDensityRegion(bool[] Mask, double Level, double Share, int Cells)
{
    /// <summary>R_q of the cell values <paramref name="v"/> (non-negative, positive sum), 0 &lt; q &lt;= 1.</summary>
    public static HighestDensityRegion Of(ReadOnlySpan<double> v, double share)
    {
        if (!(share > 0 && share <= 1)) throw new ArgumentOutOfRangeException(nameof(share), share, "must lie in (0, 1]");
        double total = Norms.Sum(v);
        if (!(total > 0)) throw new ArgumentException("the density has no mass");
        var order = new int[v.Length];
        var keys = new double[v.Length];
        for (int i = 0; i < v.Length; i++) { order[i] = i; keys[i] = -v[i]; }
        Array.Sort(keys, order);   // densest first
        double target = share * total, sum = 0;
        int last = v.Length - 1;
        for (int n = 0; n < v.Length; n++)
        {
            sum += v[order[n]];
            if (sum >= target) { last = n; break; }
        }
        double level = v[order[last]];
        var mask = new bool[v.Length];
        int cells = 0;
        double inside = 0;
        for (int i = 0; i < v.Length; i++)
            if (v[i] >= level)
            {
                mask[i] = true;
                cells++;
                inside += v[i];
            }
        return new HighestDensityRegion(mask, level, inside / total, cells);
    }

    /// <summary>The largest of <paramref name="values"/> over the region's cells (e.g. their distance to supp u0).</summary>
    public double MaxOver(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < Mask.Length; i++)
            if (Mask[i]) max = Math.Max(max, values[i]);
        return max;
    }
}
