namespace FokkerPlanckGrid.Verification;

/// <summary>One line of a verification report (SPEC.md: verify JSON).</summary>
/// <param name="Name">check name, e.g. lp_bound_p2</param>
/// <param name="Passed">whether the statement held, as measured</param>
/// <param name="Measured">the measured quantity</param>
/// <param name="Bound">what it is compared with</param>
/// <param name="Margin">how far inside the bound (negative: outside), in the units the detail states</param>
/// <param name="Detail">one line saying what was compared</param>
/// <param name="Guaranteed">whether theory promises the statement for this case; when not (e.g. Li-Yau under guidance,
/// lambda &gt; 1), the check is still measured and reported, but a violation is not a failure of the run</param>
public sealed record CheckResult(string Name, bool Passed, double Measured, double Bound, double Margin, string Detail,
    bool Guaranteed = true)
{
    /// <summary>A failure of the run: a guaranteed statement that did not hold.</summary>
    public bool Failed => Guaranteed && !Passed;
}
