using FokkerPlanckGrid.IO;
using FokkerPlanckGrid.Verification;

namespace FokkerPlanckGrid.Cli.Running;

/// <summary>The theorem diagnostics as the /diagnostics datasets of SPEC.md (first <c>count</c> levels).</summary>
public static class DiagnosticDatasets
{
    public static IEnumerable<DatasetEntry> Of(TheoremTracker tracker, int count)
    {
        var s = tracker.Series;
        count = Math.Min(count, s.Count);
        var p = tracker.P.ToArray();
        if (p.Length == 0) yield break;
        yield return DatasetEntry.Vector(Hdf5Layout.DiagnosticsP, p);
        yield return Matrix(Hdf5Layout.DiagnosticsLpNorm, s.LpNorm, count, p.Length);
        yield return Matrix(Hdf5Layout.DiagnosticsLpBound, s.LpBound, count, p.Length);
        yield return Matrix(Hdf5Layout.DiagnosticsGroup + "/lp_discrete_bound", s.LpDiscreteBound, count, p.Length);
        yield return Vector(Hdf5Layout.DiagnosticsKlVU, s.KlVU, count);
        yield return Vector(Hdf5Layout.DiagnosticsKlUV, s.KlUV, count);
        if (s.KlVUh.Count >= count) yield return Vector(Hdf5Layout.DiagnosticsKlVUh, s.KlVUh, count);
        yield return Vector(Hdf5Layout.DiagnosticsFisherVU, s.FisherVU, count);
        if (s.FisherUV.Count > 0)   // recorded at every level, or not at all (exact score)
        {
            yield return Vector(Hdf5Layout.DiagnosticsGroup + "/fisher_u_v", s.FisherUV, count);
            yield return Vector(Hdf5Layout.DiagnosticsGroup + "/score_mismatch", s.ScoreMismatch, count);
        }
        yield return Vector(Hdf5Layout.DiagnosticsLiYauMargin, s.LiYauMargin, count);
        yield return Vector(Hdf5Layout.DiagnosticsGroup + "/liyau_discrete_margin", s.LiYauDiscreteMargin, count);
        if (tracker.Deltas.Count == 0) yield break;
        yield return DatasetEntry.Vector(Hdf5Layout.DiagnosticsDelta, tracker.Deltas.ToArray());
        yield return Matrix(Hdf5Layout.DiagnosticsConcentration, s.Concentration, count, tracker.Deltas.Count);
        yield return Matrix(Hdf5Layout.DiagnosticsGroup + "/concentration_exact", s.ConcentrationExact, count, tracker.Deltas.Count);
    }

    private static DatasetEntry Vector(string path, List<double> data, int count) =>
        DatasetEntry.Vector(path, data.Take(count).ToArray());

    private static DatasetEntry Matrix(string path, List<double[]> rows, int count, int columns) =>
        new(path, rows.Take(count).SelectMany(r => r).ToArray(), [count, columns]);
}
