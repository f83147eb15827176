namespace FokkerPlanckGrid.Verification;

/// <summary>One line of a verification report (SPEC.md: verify JSON).</summary>
/// <param name="Name">check name, e.g. lp_bound_p2</param>
/// <param name="Passed">whether the statement held</param>
/// <param name="Measured">the measured quantity</param>
/// <param name="Bound">what it is compared with</param>
/// <param name="Margin">how far inside the bound (negative: outside), in the units the detail states</param>
/// <param name="Detail">one line saying what was compared</param>
public sealed record CheckResult(string Name, bool Passed, double Measured, double Bound, double Margin, string Detail);
