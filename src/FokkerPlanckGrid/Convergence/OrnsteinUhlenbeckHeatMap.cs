using System.Diagnostics;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Simulations;

namespace FokkerPlanckGrid.Convergence;

/// <summary>
/// The validation of the Ornstein-Uhlenbeck solver by the self-similar change of variables (Section 3.4): a solution
/// v~ of the OU backward equation on [t_min, T] (OU times) and the solution v of the heat-flow backward equation (3.1)
/// on [t(t_min), t(T)], t(tau) = (e^{2tau} - 1)/2, are related by
/// <code>
///   v(y, t(tau)) = a^{-d} v~(y / a, tau),   a = e^tau,
/// </code>
/// for every eps and every terminal datum so related (derivation: <see cref="OrnsteinUhlenbeckProcess"/>). Both are
/// solved numerically — each by its own scheme on its own grid and time grid — and the OU solution at t_min is mapped
/// onto the heat grid (<see cref="ToHeat"/>, conservative) and compared with the heat run: the difference is the sum of
/// the two discretisation errors, so it must shrink under refinement, at first order.
/// <para>
/// The heat case of an OU case (<see cref="HeatCase"/>): same data, score, eps and scheme; times t(T) and t(t_min) with
/// the same number of (geometric, in t) steps; box a_T B (the OU box B seen at tau = T holds the same mass of w(T) as
/// a_T B of u(t(T))) on m N cells per axis, m = ceil(a_T), so that its cells are no wider than the OU ones; terminal
/// `heat` (w(T) maps to u(t(T))) or `gaussian` N(mu, sigma^2 I) mapped to N(a_T mu, a_T^2 sigma^2 I).
/// </para>
/// </summary>
public static class OrnsteinUhlenbeckHeatMap
{
    /// <summary>The heat-flow case whose solution the OU case's maps to (see the class comment).</summary>
    public static Case HeatCase(Case ou)
    {
        if (ou.Forward != ForwardKind.OrnsteinUhlenbeck)
            throw new CaseInputException("forward", CaseNamesOf(ou.Forward), "the OU-heat map needs forward = ou");
        if (ou.Score is GridFileScoreSpec)
            throw new CaseInputException("score.kind", ou.Score.Kind, "the OU-heat map needs a score of the data (exact or mixed)");
        double a = Math.Exp(ou.Time.T);
        var terminal = ou.Terminal switch
        {
            HeatTerminalSpec h => (TerminalSpec)h,
            GaussianTerminalSpec g => new GaussianTerminalSpec(g.Mean.Select(m => a * m).ToArray(), a * a * g.Variance),
            _ => throw new CaseInputException("terminal.kind", ou.Terminal.Kind, "the OU-heat map needs terminal heat or gaussian"),
        };
        int m = (int)Math.Ceiling(a - 1e-12);
        return ou with
        {
            Name = ou.Name + "-heat",
            Forward = ForwardKind.Heat,
            Terminal = terminal,
            Grid = new GridSpec(ou.Grid.Box.Select(side => new[] { a * side[0], a * side[1] }).ToArray(),
                ou.Grid.Cells.Select(n => m * n).ToArray()),
            Time = ou.Time with
            {
                T = OrnsteinUhlenbeckProcess.HeatTimeOf(ou.Time.T),
                TMin = OrnsteinUhlenbeckProcess.HeatTimeOf(ou.Time.TMin),
            },
        };
    }

    /// <summary>
    /// Cell averages on <paramref name="heat"/> of v(y) = a^{-d} v~(y/a), a = e^tau, for v~ piecewise constant on the cells of
    /// <paramref name="ou"/>: per axis the weight of OU cell i in heat cell j is |C_j ∩ a C_i| / (a |C_j|), and the 2D weight is
    /// the product (the map is separable). Exact for piecewise-constant v~; conserves the mass that falls inside the heat box.
    /// When the heat grid is the OU grid scaled by a, the result is a^{-d} v~ cell by cell.
    /// </summary>
    public static double[] ToHeat(Grid ou, ReadOnlySpan<double> v, double tau, Grid heat)
    {
        if (ou.Dimension != heat.Dimension || v.Length != ou.CellCount) throw new ArgumentException("grids and field do not match");
        double a = Math.Exp(tau);
        var wx = Weights(ou.X, heat.X, a);
        var result = new double[heat.CellCount];
        if (ou.Dimension == 1)
        {
            for (int j = 0; j < heat.Nx; j++)
                foreach (var (i, w) in wx[j]) result[j] += w * v[i];
            return result;
        }
        var wy = Weights(ou.Y, heat.Y, a);
        int ny = ou.Ny, hy = heat.Ny;
        var rows = new double[ny];
        for (int jx = 0; jx < heat.Nx; jx++)
        {
            Array.Clear(rows);
            foreach (var (ix, w) in wx[jx])
                for (int iy = 0; iy < ny; iy++) rows[iy] += w * v[ix * ny + iy];
            for (int jy = 0; jy < hy; jy++)
            {
                double sum = 0;
                foreach (var (iy, w) in wy[jy]) sum += w * rows[iy];
                result[jx * hy + jy] = sum;
            }
        }
        return result;
    }

    /// <summary>Per heat cell j, the OU cells i overlapping a C_i and their weights |C_j ∩ a C_i| / (a h_heat).</summary>
    private static List<(int I, double W)>[] Weights(Axis ou, Axis heat, double a)
    {
        var weights = new List<(int, double)>[heat.Cells];
        for (int j = 0; j < heat.Cells; j++)
        {
            weights[j] = [];
            double lo = heat.Face(j), hi = heat.Face(j + 1);
            int first = Math.Max(0, (int)Math.Floor((lo / a - ou.Lower) / ou.H) - 1);
            for (int i = first; i < ou.Cells && a * ou.Face(i) < hi; i++)
            {
                double overlap = Math.Min(hi, a * ou.Face(i + 1)) - Math.Max(lo, a * ou.Face(i));
                if (overlap > 0) weights[j].Add((i, overlap / (a * heat.H)));
            }
        }
        return weights;
    }

    /// <summary>
    /// The study: the OU case at L levels (<see cref="ConvergenceStudy.Plan"/>, cells and steps halved per level) and at
    /// each level its heat case; the relative L1/L2/Linf distance at t_min between the mapped OU solution and the heat
    /// solution (relative to the heat solution's norms), with each run's own error against its exact solution where
    /// one is known.
    /// </summary>
    public static HeatMapResult Study(Case ou, int levels, int threads = 0, Action<HeatMapLevel>? onLevelDone = null,
        CancellationToken cancel = default)
    {
        var heatCase = HeatCase(ou);
        var plan = ConvergenceStudy.Plan(ou, levels, Refinement.Both);
        ExactSolution? ouExact = TryExact(ou), heatExact = TryExact(heatCase);
        var results = new List<HeatMapLevel>();
        foreach (var level in plan)
        {
            var clock = Stopwatch.StartNew();
            var heatLevel = HeatCase(level);
            var (ouGrid, ouV) = Solve(level, threads, cancel);
            var (heatGrid, heatV) = Solve(heatLevel, threads, cancel);
            var mapped = ToHeat(ouGrid, ouV, level.Time.TMin, heatGrid);
            var result = new HeatMapLevel([.. level.Grid.Cells], [.. heatLevel.Grid.Cells], level.Time.Steps, ouGrid.Axes.Max(x => x.H),
                ErrorNorms.Relative(mapped, heatV, heatGrid.CellVolume),
                ouExact is null ? null : ErrorNorms.Relative(ouV, ouExact.CellAveragesAt(ouGrid, level.Time.TMin), ouGrid.CellVolume),
                heatExact is null ? null : ErrorNorms.Relative(heatV, heatExact.CellAveragesAt(heatGrid, heatLevel.Time.TMin), heatGrid.CellVolume),
                clock.Elapsed.TotalSeconds);
            results.Add(result);
            onLevelDone?.Invoke(result);
        }
        return new HeatMapResult(ou.Name, heatCase, results);
    }

    private static ExactSolution? TryExact(Case c)
    {
        try
        {
            return ExactSolution.For(c);
        }
        catch (CaseInputException)
        {
            return null;
        }
    }

    private static (Grid Grid, double[] V) Solve(Case c, int threads, CancellationToken cancel)
    {
        var setup = CaseBuilder.Build(c, threads);
        var v = Fields.LargeArrays.Copy(setup.Terminal);
        new Simulation(setup.Stepper, setup.Time, 2).Run(v, [], null, cancel);
        return (setup.Grid, v);
    }

    private static string CaseNamesOf(ForwardKind f) => f == ForwardKind.OrnsteinUhlenbeck ? "ou" : "heat";
}
