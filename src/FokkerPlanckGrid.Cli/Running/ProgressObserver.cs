using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Simulations;

namespace FokkerPlanckGrid.Cli.Running;

/// <summary>Publishes the current step and time for a progress display on another thread.</summary>
public sealed class ProgressObserver : ISimulationObserver
{
    private long _step;
    private double _t = double.NaN;

    public int Step => (int)Interlocked.Read(ref _step);
    public double Time => Volatile.Read(ref _t);

    public void OnLevel(int step, double t, double[] v, IStepper stepper)
    {
        Volatile.Write(ref _t, t);
        Interlocked.Exchange(ref _step, step);
    }

    public void OnSnapshot(int index, double t, double[] v) { }
}
