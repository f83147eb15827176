using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.IO;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Simulations;

namespace FokkerPlanckGrid.Cli.Running;

/// <summary>
/// Streams snapshots to the run file: v, and on request u(t) as exact cell averages and the score at cell centres.
/// Buffers are made once; nothing is kept after a snapshot is written.
/// </summary>
public sealed class SnapshotRecorder : ISimulationObserver
{
    private readonly SolverSetup _setup;
    private readonly RunFileWriter _writer;
    private readonly bool _u, _score;
    private readonly double[] _uBuffer, _sx, _sy;

    public SnapshotRecorder(SolverSetup setup, RunFileWriter writer, IReadOnlyCollection<string> fields)
    {
        _setup = setup;
        _writer = writer;
        _u = fields.Contains(Hdf5Layout.FieldU);
        _score = fields.Contains(Hdf5Layout.FieldScore);
        int n = setup.Grid.CellCount;
        _uBuffer = _u ? new double[n] : [];
        _sx = _score ? new double[n] : [];
        _sy = _score && setup.Grid.Dimension == 2 ? new double[n] : [];
    }

    /// <summary>Snapshots written so far.</summary>
    public int Written { get; private set; }

    public void OnLevel(int step, double t, double[] v, IStepper stepper) { }

    public void OnSnapshot(int index, double t, double[] v)
    {
        if (_u) CellAverages.Of(_setup.Data, _setup.Grid, t, _uBuffer);
        if (_score) CenterSampling.Sample(_setup.Score, _setup.Grid, t, _sx, _sy);
        _writer.WriteSnapshot(index, t, v, _uBuffer, _sx, _sy);
        Written = index + 1;
    }
}
