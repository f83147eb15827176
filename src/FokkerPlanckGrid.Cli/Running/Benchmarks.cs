using System.Diagnostics;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Time;

namespace FokkerPlanckGrid.Cli.Running;

/// <summary>
/// The measurements of `fpgrid bench`: the 2D split step of P2 (reference-problems.md) with the exact score of K = 2
/// (P2's points) or K = 10 points (the ellipse of shared/limit/problem.h) at every face, the 1D P1 run, the unsplit
/// reference solver. Each measurement starts from v = u(T) and times consecutive steps of P2's geometric time grid
/// (score evaluation included, field reset excluded); it is repeated and the min and median are kept, since the
/// machine is shared. Allocation is GC.GetTotalAllocatedBytes(true) around the timed loop.
/// </summary>
public static class Benchmarks
{
    /// <summary>One row of the report.</summary>
    public sealed record Result(string Name, int[] Cells, int Threads, int ScorePoints, int Steps, double BestSecondsPerStep,
        double MedianSecondsPerStep, double AllocatedBytesPerStep)
    {
        public double CellCount => Cells.Aggregate(1.0, (a, n) => a * n);
        public double BestCellsStepsPerSecond => CellCount / BestSecondsPerStep;
        public double MedianCellsStepsPerSecond => CellCount / MedianSecondsPerStep;
    }

    /// <summary>P2's two points, or K points on the ellipse (2 cos a, 1.5 sin a), a = 2 pi k / K + 0.3, weights 1 + 0.1 k.</summary>
    public static DiracMixture Points(int k)
    {
        if (k == 2) return new DiracMixture([[-1.0, 0.0], [1.0, 0.0]], [0.5, 0.5]);
        var points = new double[k][];
        var weights = new double[k];
        for (int i = 0; i < k; i++)
        {
            double a = 2 * Math.PI * i / k + 0.3;
            points[i] = [2 * Math.Cos(a), 1.5 * Math.Sin(a)];
            weights[i] = 1 + 0.1 * i;
        }
        return new DiracMixture(points, weights);
    }

    /// <summary>The 2D split (Lie, upwind) step of P2 on n x n cells.</summary>
    public static Result SplitStep(int n, int scorePoints, int threads, int steps, int repeats, SplittingKind splitting = SplittingKind.Lie)
    {
        var grid = Grid.OnRectangle(-5, 5, n, -5, 5, n);
        var data = Points(scorePoints);
        var equation = new BackwardFokkerPlanck(CaseBuilder.Exact(data, threads), 0.2);
        var stepper = CaseBuilder.StepperOf(new SchemeSpec(TransportKind.Upwind, splitting), equation, grid, threads);
        string name = splitting == SplittingKind.None ? "2d-unsplit-step" : "2d-split-step";
        return Measure(name, [n, n], threads, scorePoints, grid, data, stepper, 1, 0.02, 100, steps, repeats);
    }

    /// <summary>
    /// Particles (`fpgrid sample`): <paramref name="count"/> particles drawn from u(T) of the K = 10 ellipse mixture
    /// (<see cref="Points"/>), moved by the exact-mean-shift step through <paramref name="steps"/> geometric steps from
    /// T = 1 to t_min = 1e-3 (eps = 0.2: one normal pair per particle and step). Reported as a row whose "cells" are the
    /// particles, so cells*steps/s reads particle-steps/s; the whole run is timed (start draws included).
    /// </summary>
    public static Result Particles(int count, int steps, int threads, int repeats)
    {
        var data = Points(10);
        var time = TimeGrid.Geometric(1, 1e-3, steps);
        var levels = Enumerable.Range(0, steps + 1).Select(time.Level).ToArray();
        var sampler = new FokkerPlanckGrid.Particles.ParticleSampler(new FokkerPlanckGrid.Scores.DiracMixtureScore(data),
            FokkerPlanckGrid.Particles.ParticleStarts.Heat(data, 1), FokkerPlanckGrid.Particles.ParticleMethod.ExactMeanShift, 0.2, levels);
        sampler.Run(Math.Min(count, 4096), 1, 2, threads: threads);   // warm-up: JIT
        var seconds = new List<double>();
        double allocated = double.PositiveInfinity;
        for (int r = 0; r < repeats; r++)
        {
            long bytes = GC.GetTotalAllocatedBytes(true);
            long t0 = Stopwatch.GetTimestamp();
            sampler.Run(count, 1 + r, 2, threads: threads);
            seconds.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds / steps);
            allocated = Math.Min(allocated, (GC.GetTotalAllocatedBytes(true) - bytes) / (double)steps);
        }
        seconds.Sort();
        return new Result("particles", [count], threads, 10, steps, seconds[0], seconds[seconds.Count / 2], allocated);
    }

    /// <summary>The 1D P1 run: N cells, K steps, eps = 0.2, upwind; per-step figures of the whole run.</summary>
    public static Result Run1D(int n, int steps, int repeats)
    {
        var grid = Grid.OnInterval(-15, 15, n);
        var data = new DiracMixture([[-5.0], [0.0], [5.0]], [0.7, 0.3, 0.1]);
        var stepper = new ImplicitStepper1D(new BackwardFokkerPlanck(CaseBuilder.Exact(data), 0.2), grid, UpwindFlux.Instance);
        return Measure("1d-run", [n], 1, 3, grid, data, stepper, 2, 0.05, steps, steps, repeats);
    }

    private static Result Measure(string name, int[] cells, int threads, int scorePoints, Grid grid, DiracMixture data,
        IStepper stepper, double tMax, double tMin, int gridSteps, int steps, int repeats)
    {
        var time = TimeGrid.Geometric(tMax, tMin, gridSteps);
        var start = CellAverages.Of(data, grid, tMax);
        var v = Fields.LargeArrays.Copy(start);
        void Steps(int count)
        {
            for (int k = 0; k < count; k++)
            {
                stepper.Prepare(time.Level(k + 1), time.Level(k) - time.Level(k + 1));
                stepper.Apply(v);
            }
        }
        Steps(Math.Min(steps, 3));   // warm-up: JIT, buffers
        var perStep = new List<double>();
        double allocated = double.PositiveInfinity;
        for (int r = 0; r < repeats; r++)
        {
            start.CopyTo(v, 0);
            long bytes = GC.GetTotalAllocatedBytes(true);
            long t0 = Stopwatch.GetTimestamp();
            Steps(steps);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            allocated = Math.Min(allocated, (GC.GetTotalAllocatedBytes(true) - bytes) / (double)steps);
            perStep.Add(seconds / steps);
        }
        perStep.Sort();
        return new Result(name, cells, threads, scorePoints, steps, perStep[0], perStep[perStep.Count / 2], allocated);
    }
}
