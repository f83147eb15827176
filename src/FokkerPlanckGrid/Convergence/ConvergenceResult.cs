using FokkerPlanckGrid.Cases;

namespace FokkerPlanckGrid.Convergence;

/// <summary>The errors of one snapshot level against the exact solution at its time.</summary>
public sealed record SnapshotError(double T, ErrorNorms Errors);

/// <summary>One level of a study.</summary>
/// <param name="Case">the case as run at this level (cells, steps or Courant bound, snapshot count)</param>
/// <param name="Cells">cells per axis</param>
/// <param name="Steps">accepted time steps</param>
/// <param name="H">the largest cell width</param>
/// <param name="DtMax">the largest step dtau taken</param>
/// <param name="Errors">relative errors at t_min (see <see cref="ErrorNorms"/>)</param>
/// <param name="Snapshots">relative errors at every snapshot level after T (at T the error is 0 by construction)</param>
/// <param name="MassInBox">mass of the exact solution inside the box at t_min (1 minus it is an error floor)</param>
/// <param name="Seconds">wall time of the level</param>
public sealed record LevelResult(
    Case Case, int[] Cells, int Steps, double H, double DtMax, ErrorNorms Errors, IReadOnlyList<SnapshotError> Snapshots,
    double MassInBox, double Seconds);

/// <summary>The outcome of <see cref="ConvergenceStudy.Run"/>.</summary>
/// <param name="CaseName">the case's name</param>
/// <param name="Refine">what was refined</param>
/// <param name="Exact">which exact solution the errors are measured against</param>
/// <param name="Levels">coarsest first; the last is the case itself</param>
public sealed record ConvergenceResult(string CaseName, Refinement Refine, string Exact, IReadOnlyList<LevelResult> Levels)
{
    /// <summary>The resolution the orders are measured against: h (refine both, space) or dtau_max (refine time).</summary>
    public string ResolutionName => Refine == Refinement.Time ? "dt_max" : "h";

    /// <summary>The resolution of each level (h, or dtau_max when only time is refined).</summary>
    public double[] Resolution => Levels.Select(l => Refine == Refinement.Time ? l.DtMax : l.H).ToArray();

    /// <summary>Least-squares slopes of log(error at t_min) against log(resolution) over all levels.</summary>
    public ErrorNorms Orders => Fitted(Levels.Select(l => l.Errors).ToList());

    /// <summary>Order between level k-1 and level k, for k = 1..L-1 (entry k-1).</summary>
    public IReadOnlyList<ErrorNorms> PairwiseOrders
    {
        get
        {
            var r = Resolution;
            return Enumerable.Range(1, Levels.Count - 1).Select(k =>
            {
                var (c, f) = (Levels[k - 1].Errors.ToArray(), Levels[k].Errors.ToArray());
                return ErrorNorms.FromArray(c.Select((_, n) => ObservedOrder.Pairwise(r[k - 1], c[n], r[k], f[n])).ToArray());
            }).ToList();
        }
    }

    /// <summary>
    /// The fitted orders at every snapshot time shared by all levels (the snapshot levels coincide by construction,
    /// <see cref="ConvergenceStudy.SnapshotCount"/>); times of the finest level.
    /// </summary>
    public IReadOnlyList<SnapshotError> SnapshotOrders
    {
        get
        {
            int count = Levels.Min(l => l.Snapshots.Count);
            var finest = Levels[^1].Snapshots;
            return Enumerable.Range(0, count)
                .Where(s => Levels.All(l => Math.Abs(l.Snapshots[s].T - finest[s].T) <= 1e-12 * finest[s].T))
                .Select(s => new SnapshotError(finest[s].T, Fitted(Levels.Select(l => l.Snapshots[s].Errors).ToList())))
                .ToList();
        }
    }

    private ErrorNorms Fitted(IReadOnlyList<ErrorNorms> errors)
    {
        var r = Resolution;
        return new ErrorNorms(
            ObservedOrder.Fitted(r, errors.Select(e => e.L1).ToArray()),
            ObservedOrder.Fitted(r, errors.Select(e => e.L2).ToArray()),
            ObservedOrder.Fitted(r, errors.Select(e => e.Linf).ToArray()));
    }
}
