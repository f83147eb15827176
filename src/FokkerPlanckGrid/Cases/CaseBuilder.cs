using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Time;

namespace FokkerPlanckGrid.Cases;

/// <summary>
/// Turns a validated <see cref="Case"/> into solver objects. Checks that need the numerics (the score's time range,
/// the size of a loaded table) raise <see cref="CaseInputException"/> naming the key.
/// </summary>
public static class CaseBuilder
{
    public static Grid GridOf(GridSpec spec) =>
        new(spec.Cells.Select((n, d) => new Axis(spec.Box[d][0], spec.Box[d][1], n)).ToArray());

    public static ITransportFlux FluxOf(TransportKind kind) => kind switch
    {
        TransportKind.ScharfetterGummel => ScharfetterGummelFlux.Instance,
        _ => UpwindFlux.Instance,
    };

    public static TimeGrid TimeGridOf(TimeSpec spec) => spec.Spacing == TimeSpacing.Adaptive
        ? TimeGrid.Adaptive(spec.T, spec.TMin, spec.Courant)
        : TimeGrid.Geometric(spec.T, spec.TMin, spec.Steps);

    /// <summary>The stepper of a scheme on a grid: 1D implicit, 2D Lie/Strang split or unsplit.</summary>
    public static IStepper StepperOf(SchemeSpec scheme, BackwardFokkerPlanck equation, Grid grid, int threads = 0)
    {
        var flux = FluxOf(scheme.Transport);
        if (grid.Dimension == 1) return new ImplicitStepper1D(equation, grid, flux);
        return scheme.Splitting switch
        {
            SplittingKind.None => new UnsplitStepper2D(equation, grid, flux),
            SplittingKind.Strang => new SplitStepper2D(equation, grid, flux, strang: true, threads),
            _ => new SplitStepper2D(equation, grid, flux, strang: false, threads),
        };
    }

    /// <summary>
    /// The score a spec names, of the laws of <paramref name="forward"/> (default heat): <paramref name="data"/> is
    /// already those laws; the two data blocks of a mixed score are mapped here. A grid-file table is taken as the
    /// score of that process at the stored times.
    /// </summary>
    public static IScore ScoreOf(ScoreSpec spec, IDataDistribution data, Grid grid, int threads = 0, ForwardProcess? forward = null) => spec switch
    {
        ExactScoreSpec => Exact(data, threads),
        MixedScoreSpec m => new MixedScore(m.Lambda,
            Exact(LawsOf(m.First, forward), threads), Exact(LawsOf(m.Second, forward), threads)).WithBuffersFor(grid),
        GridFileScoreSpec f => Tabulated(f, grid),
        _ => throw new CaseInputException("score.kind", spec.Kind, "allowed: exact, mixed, grid-file"),
    };

    /// <summary>The exact score of u0, through the fastest face kernel the distribution allows.</summary>
    public static IScore Exact(IDataDistribution data, int threads = 0) => data switch
    {
        DiracMixture dirac => new DiracMixtureScore(dirac, threads),
        CurveMeasure curve => new DiracMixtureScore(curve.Nodes, threads),   // the quadrature is a weighted Dirac mixture
        GaussianMixture { IsDiagonal: true } gaussians => new GaussianMixtureScore(gaussians, threads),
        _ => new ExactScore(data, threads),   // separable faces for the OU laws of Dirac data too
    };

    /// <summary>The laws of the case's forward process started from a data block (the heat flow: the data itself).</summary>
    public static IDataDistribution LawsOf(DataSpec spec, ForwardProcess? forward = null) =>
        (forward ?? ForwardProcess.Heat).Marginals(DataDistributions.From(spec));

    public static SolverSetup Build(Case c, int threads = 0)
    {
        var grid = GridOf(c.Grid);
        var forward = ForwardProcess.Of(c.Forward);
        var data = LawsOf(c.Data, forward);
        if (data.Dimension != grid.Dimension)
            throw new CaseInputException("data", $"{data.Dimension}D data", $"the grid is {grid.Dimension}D");
        var score = ScoreOf(c.Score, data, grid, threads, forward);
        var (lo, hi) = score.TimeRange;
        if (c.Time.TMin < lo * (1 - 1e-12) || c.Time.T > hi * (1 + 1e-12))
            throw new CaseInputException("time", $"[{c.Time.TMin}, {c.Time.T}]", $"the score is defined for t in [{lo}, {hi}] only");
        var equation = new BackwardFokkerPlanck(score, c.Eps, forward);
        var stepper = StepperOf(c.Scheme, equation, grid, threads);
        return new SolverSetup(c, grid, data, score, equation, TimeGridOf(c.Time), stepper, TerminalOf(c, grid, data));
    }

    /// <summary>v_T as cell averages: u(T) exactly (for `ou`: the OU law w(T)), a Gaussian exactly, or a loaded table.</summary>
    public static double[] TerminalOf(Case c, Grid grid, IDataDistribution data) => c.Terminal switch
    {
        HeatTerminalSpec => CellAverages.Of(data, grid, c.Time.T),
        GaussianTerminalSpec g => CellAverages.OfGaussian(grid, g.Mean, g.Variance),
        FileTerminalSpec f => LoadedTerminal(f, grid),
        _ => throw new CaseInputException("terminal.kind", c.Terminal.Kind, "allowed: heat, gaussian, file"),
    };

    private static double[] LoadedTerminal(FileTerminalSpec f, Grid grid)
    {
        var v = f.Values ?? throw new CaseInputException("terminal.file", f.File, "the file was not loaded");
        if (v.Length != grid.CellCount)
            throw new CaseInputException("terminal.dataset", f.Dataset, $"holds {v.Length} values; the grid has {grid.CellCount} cells");
        double sum = 0;
        foreach (var x in v)
        {
            if (!(x >= 0) || !double.IsFinite(x))
                throw new CaseInputException("terminal.dataset", f.Dataset, "values must be finite and >= 0 (a density)");
            sum += x;
        }
        if (!(sum > 0)) throw new CaseInputException("terminal.dataset", f.Dataset, "has zero mass");
        return (double[])v.Clone();
    }

    private static TabulatedScore Tabulated(GridFileScoreSpec f, Grid grid)
    {
        if (f.Times is null || f.Values is null) throw new CaseInputException("score.file", f.File, "the file was not loaded");
        try
        {
            return new TabulatedScore(grid, f.Times, f.Values);
        }
        catch (ArgumentException e)
        {
            throw new CaseInputException("score.dataset", f.Dataset, e.Message);
        }
    }
}
