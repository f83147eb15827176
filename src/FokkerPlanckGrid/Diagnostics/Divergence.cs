namespace FokkerPlanckGrid.Diagnostics;

/// <summary>div s(x, t) of a score in closed form (for the analytic Li-Yau margin).</summary>
public delegate double Divergence(ReadOnlySpan<double> x, double t);
