namespace FokkerPlanckGrid.Simulations;

/// <summary>A step produced NaN, Inf, negative values or non-positive mass; everything before it is valid.</summary>
public sealed class NumericalBreakdownException(int step, double t, string what)
    : Exception($"numerical breakdown at step {step} (t = {t:G6}): {what}")
{
    /// <summary>The step that failed (1-based); levels 0..Step-1 are good.</summary>
    public int Step { get; } = step;

    /// <summary>The time the failed step was heading for.</summary>
    public double Time { get; } = t;
}
