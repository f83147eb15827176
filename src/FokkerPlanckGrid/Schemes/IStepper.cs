using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Schemes;

/// <summary>
/// One implicit step of the backward Fokker-Planck equation in reversed time, from t to t_new = t - dtau, with the
/// score taken at t_new. Two phases so that several fields can share one step (the solution v and the discrete u_h
/// of the data-processing check): <see cref="Prepare"/> evaluates the score once per face and assembles the
/// coefficients; <see cref="Apply"/> advances a field in place. Neither allocates.
/// </summary>
public interface IStepper
{
    Grid Grid { get; }

    /// <summary>Evaluates the score at <paramref name="tNew"/> and assembles a step of length <paramref name="dtau"/>.</summary>
    void Prepare(double tNew, double dtau);

    /// <summary>The Courant number max |b| dtau / h of the prepared step.</summary>
    double Courant { get; }

    /// <summary>
    /// The normal component of the transport score b/(1+eps) at every face for the prepared step: the score itself for
    /// the heat flow, s + x/(1+eps) for the Ornstein-Uhlenbeck process (<see cref="Equations.BackwardFokkerPlanck.Transport"/>).
    /// </summary>
    FaceField FaceScores { get; }

    /// <summary>Advances <paramref name="v"/> (cell averages in the grid's C order) by the prepared step, in place.</summary>
    void Apply(double[] v);

    /// <summary>True when the step is a Markov matrix in floating point too (positivity and mass to round-off).</summary>
    bool IsExactlyPositive { get; }

    /// <summary>
    /// The factors of one step, in order: which axis each implicit solve acts along (0 = x, 1 = y; -1 = all axes at
    /// once, the unsplit operator) and the fraction of dtau it takes (Strang: x 1/2, y 1, x 1/2). The discrete L^p
    /// bound multiplies one factor per entry.
    /// </summary>
    IReadOnlyList<Sweep> Sweeps { get; }
}

/// <summary>One implicit solve of a step: along <see cref="Axis"/> (-1: all axes) with <see cref="Fraction"/> of dtau.</summary>
public readonly record struct Sweep(int Axis, double Fraction);
