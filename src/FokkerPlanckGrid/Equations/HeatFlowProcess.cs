using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;

namespace FokkerPlanckGrid.Equations;

/// <summary>
/// The heat flow du/dt = Lap u of Liu &amp; Zuazua: b = (1+eps) s, Hess log u &gt;= -I/(2t) (Li-Yau), Theorem 3.1's
/// factor (T/t)^{d(1+eps)(p-1)/(2p)} (<see cref="LpBounds"/>).
/// </summary>
public sealed class HeatFlowProcess : ForwardProcess
{
    internal HeatFlowProcess() { }

    public override ForwardKind Kind => ForwardKind.Heat;
    public override string Name => "heat";
    public override double LinearDrift => 0;
    public override IDataDistribution Marginals(IDataDistribution data) => data;
    public override double CurvatureBound(double t) => 1 / (2 * t);

    public override double LpGrowth(int dimension, double eps, double p, double tMax, double t) =>
        LpBounds.ContinuousFactor(dimension, eps, p, tMax, t);

    public override double HeatTime(double t) => t;
    public override double Scale(double t) => 1;
    public override double KernelVariance(double t) => 2 * t;
    public override double TimeOfKernelWidth(double width) => width * width / 2;
}
