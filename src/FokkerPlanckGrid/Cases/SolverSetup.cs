using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Time;

namespace FokkerPlanckGrid.Cases;

/// <summary>The solver objects a case resolves to (see <see cref="CaseBuilder"/>).</summary>
/// <param name="Case">the case</param>
/// <param name="Grid">the grid</param>
/// <param name="Data">u0 and its heat flow</param>
/// <param name="Score">the score driving the equation</param>
/// <param name="Equation">eps and the score</param>
/// <param name="Time">the time levels</param>
/// <param name="Stepper">the scheme</param>
/// <param name="Terminal">v_T as cell averages</param>
public sealed record SolverSetup(
    Case Case, Grid Grid, IDataDistribution Data, IScore Score, BackwardFokkerPlanck Equation, TimeGrid Time,
    IStepper Stepper, double[] Terminal);
