using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.IO.Tests;

/// <summary>Headers and fields shared by the run-file tests: fields whose value encodes where they were written.</summary>
public static class RunFiles
{
    public const string CaseJson = """{"name": "toy", "eps": 0.2, "grid": {"cells": [6]}}""";

    public static RunFileHeader Header(Grid grid, int snapshots, params string[] fields) =>
        new(grid, snapshots, fields, CaseJson, "0.0.0-test", Eps: 0.2, T: 2.0, TMin: 0.05);

    /// <summary>Value of field <paramref name="offset"/> at snapshot k, cell (i, j): offset + 1e6 k + 1000 i + j.</summary>
    public static double[] Field(Grid grid, int k, double offset)
    {
        var f = new double[grid.CellCount];
        for (int i = 0; i < grid.Nx; i++)
            for (int j = 0; j < grid.Ny; j++)
                f[i * grid.Ny + j] = offset + 1e6 * k + 1000 * i + j;
        return f;
    }

    /// <summary>Snapshot times from T = 2 down geometrically.</summary>
    public static double Time(int k) => 2.0 * Math.Pow(0.5, k);

    /// <summary>Writes snapshots 0..count-1 of every field: v = Field(0), u = Field(0.25), score = Field(0.5), Field(0.75).</summary>
    public static void WriteSnapshots(RunFileWriter writer, Grid grid, int count)
    {
        for (int k = 0; k < count; k++)
            writer.WriteSnapshot(k, Time(k), Field(grid, k, 0), Field(grid, k, 0.25), Field(grid, k, 0.5),
                grid.Dimension == 2 ? Field(grid, k, 0.75) : []);
    }

    /// <summary>The expected stacked dataset [count, ...] of a field written by <see cref="WriteSnapshots"/>.</summary>
    public static double[] Stacked(Grid grid, int count, double offset) =>
        Enumerable.Range(0, count).SelectMany(k => Field(grid, k, offset)).ToArray();

    public static DatasetEntry[] SampleDiagnostics(int levels, int exponents)
    {
        var t = Enumerable.Range(0, levels).Select(k => 2.0 - 1.95 * k / (levels - 1)).ToArray();
        var mass = Enumerable.Range(0, levels).Select(k => 1.0 - 1e-15 * k).ToArray();
        var lp = Enumerable.Range(0, levels * exponents).Select(n => 1.0 + n).ToArray();
        return
        [
            DatasetEntry.Vector(Hdf5Layout.DiagnosticsT, t),
            DatasetEntry.Vector(Hdf5Layout.DiagnosticsMass, mass),
            DatasetEntry.Vector(Hdf5Layout.DiagnosticsP, Enumerable.Range(1, exponents).ToArray()),
            new(Hdf5Layout.DiagnosticsLpNorm, lp, [levels, exponents]),
        ];
    }

    public static long[] Bits(double[] values) => Array.ConvertAll(values, BitConverter.DoubleToInt64Bits);
}
