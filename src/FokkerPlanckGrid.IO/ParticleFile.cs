using FokkerPlanckGrid.Particles;
using PureHDF;

namespace FokkerPlanckGrid.IO;

/// <summary>
/// The `/particles` group of SPEC.md: <c>/particles/t</c> [M] stored times from T down to t_min, <c>/particles/x</c>
/// [M, Ns, d] the stored trajectories (every particle when N &lt;= the cap, else particles 0, stride, 2 stride, ...;
/// attribute <c>stride</c>, always written), <c>/particles/end</c> [N, d] every particle at t_min (attribute
/// <c>seed</c>). After a numerical breakdown only the stored levels before it are written and <c>/particles/end</c>
/// is left out (it does not exist). <see cref="Write"/> makes the whole file of `fpgrid sample`: the root attributes
/// of a run file (<c>case</c>, <c>version</c>, <c>created_utc</c>, <c>dimension</c>, <c>eps</c>, <c>T</c>,
/// <c>t_min</c>, <c>status</c>) and this group, under a temporary name renamed when complete.
/// </summary>
public static class ParticleFile
{
    /// <summary>The datasets of a particle run (for `sample` and for `verify`'s run file).</summary>
    public static List<DatasetEntry> Datasets(ParticleRun run)
    {
        int d = run.Dimension;
        int levels = run.BreakdownLevel is { } b ? run.StoredLevels.Count(n => n < b) : run.StoredLevels.Length;
        var times = run.StoredTimes[..levels];
        long per = (long)run.StoredCount * d;
        var x = run.Trajectories.AsSpan(0, (int)(levels * per)).ToArray();
        var list = new List<DatasetEntry>
        {
            DatasetEntry.Vector(Hdf5Layout.ParticlesT, times),
            new(Hdf5Layout.ParticlesX, x, [levels, run.StoredCount, d])
            {
                Attributes = new Dictionary<string, object> { [Hdf5Layout.AttrStride] = run.Stride },
            },
        };
        if (run.BreakdownLevel is null)
            list.Add(new DatasetEntry(Hdf5Layout.ParticlesEnd, run.End, [run.Count, d])
            {
                Attributes = new Dictionary<string, object> { [Hdf5Layout.AttrSeed] = run.Seed },
            });
        return list;
    }

    /// <summary>
    /// Where the particles of a mixed score went (<see cref="CriticalPointTracker"/>): <c>/particles/mixing_points</c> [C, d]
    /// (attribute <c>lambda</c>), <c>mixing_minimum</c> [C] (1: local minimum), <c>mixing_delta</c> [D] and
    /// <c>mixing_share</c> [M, D, C+1], the share of all particles within each delta of each critical point at the M stored
    /// times (<c>/particles/t</c>), the last column outside all.
    /// </summary>
    public static List<DatasetEntry> MixingDatasets(CriticalPointTracker tracker)
    {
        var points = tracker.Potential.CriticalPoints;
        return
        [
            new(Hdf5Layout.ParticlesMixingPoints, points.SelectMany(c => c.X).ToArray(), [points.Count, tracker.Potential.Dimension])
            {
                Attributes = new Dictionary<string, object> { [Hdf5Layout.AttrLambda] = tracker.Potential.Lambda },
            },
            DatasetEntry.Vector(Hdf5Layout.ParticlesMixingMinimum, points.Select(c => c.IsLocalMinimum ? 1 : 0).ToArray()),
            DatasetEntry.Vector(Hdf5Layout.ParticlesMixingDelta, tracker.Deltas.ToArray()),
            new(Hdf5Layout.ParticlesMixingShare, tracker.Shares(), [tracker.Times.Length, tracker.Deltas.Length, tracker.Columns]),
        ];
    }

    /// <summary>Writes the `fpgrid sample` file: to <c>path + ".part"</c>, then renamed to <paramref name="path"/>.</summary>
    /// <param name="path">the final path (its folder is created)</param>
    /// <param name="caseJson">the resolved case (root attribute <c>case</c>)</param>
    /// <param name="version">the program version</param>
    /// <param name="eps">eps</param>
    /// <param name="tMax">T</param>
    /// <param name="tMin">t_min</param>
    /// <param name="run">the particle run</param>
    /// <param name="extra">further datasets (e.g. <see cref="MixingDatasets"/>)</param>
    public static void Write(string path, string caseJson, string version, double eps, double tMax, double tMin, ParticleRun run,
        IEnumerable<DatasetEntry>? extra = null)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var file = new H5File();
        file.Attributes[Hdf5Layout.AttrCase] = caseJson;
        file.Attributes[Hdf5Layout.AttrVersion] = version;
        file.Attributes[Hdf5Layout.AttrCreatedUtc] = DateTime.UtcNow.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        file.Attributes[Hdf5Layout.AttrDimension] = run.Dimension;
        file.Attributes[Hdf5Layout.AttrEps] = eps;
        file.Attributes[Hdf5Layout.AttrT] = tMax;
        file.Attributes[Hdf5Layout.AttrTMin] = tMin;
        file.Attributes[Hdf5Layout.AttrStatus] = run.BreakdownLevel is null ? Hdf5Layout.StatusComplete : Hdf5Layout.StatusBreakdown;
        foreach (var entry in Datasets(run).Concat(extra ?? []))
        {
            entry.Validate();
            var dataset = new H5Dataset(entry.Data, fileDims: entry.Shape.Select(n => (ulong)n).ToArray());
            if (entry.Attributes is not null)
                foreach (var (name, value) in entry.Attributes) dataset.Attributes[name] = value;
            RunFileAssembly.AddDataset(file, entry.Path, dataset);
        }
        var part = full + ".part";
        try
        {
            file.Write(part);
            File.Move(part, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(part)) File.Delete(part);
        }
    }
}
