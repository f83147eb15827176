using MathNet.Numerics;

namespace FokkerPlanckGrid.Convergence;

/// <summary>Observed orders of convergence p in error ~ C h^p.</summary>
public static class ObservedOrder
{
    /// <summary>
    /// Least-squares slope of log(error) against log(h) over all levels (MathNet Fit.Line on the logs); NaN when fewer
    /// than two levels have a positive, finite error.
    /// </summary>
    public static double Fitted(IReadOnlyList<double> h, IReadOnlyList<double> error)
    {
        var points = h.Zip(error).Where(p => p.First > 0 && p.Second > 0 && double.IsFinite(p.Second)).ToArray();
        if (points.Length < 2) return double.NaN;
        var (_, slope) = Fit.Line(points.Select(p => Math.Log(p.First)).ToArray(), points.Select(p => Math.Log(p.Second)).ToArray());
        return slope;
    }

    /// <summary>log(e_coarse / e_fine) / log(h_coarse / h_fine) between two consecutive levels.</summary>
    public static double Pairwise(double hCoarse, double eCoarse, double hFine, double eFine) =>
        Math.Log(eCoarse / eFine) / Math.Log(hCoarse / hFine);
}
