using FokkerPlanckGrid.Schemes;

namespace FokkerPlanckGrid.Simulations;

/// <summary>
/// Watches a run: every time level (the initial one at T included) and every snapshot level. Observers must not
/// modify the field. The loop knows nothing of files or consoles; writers, diagnostics and progress bars observe.
/// </summary>
public interface ISimulationObserver
{
    /// <summary>
    /// Called at every time level, after the step that reached it (<paramref name="step"/> = 0 at T, before any step;
    /// <paramref name="stepper"/> then holds the prepared step that produced the level, or nothing yet at step 0).
    /// </summary>
    void OnLevel(int step, double t, double[] v, IStepper stepper);

    /// <summary>Called at snapshot levels, after <see cref="OnLevel"/>, with the snapshot's index.</summary>
    void OnSnapshot(int index, double t, double[] v);
}
