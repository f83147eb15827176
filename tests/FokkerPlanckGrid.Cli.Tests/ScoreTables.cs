using System.Text.Json;
using PureHDF;

namespace FokkerPlanckGrid.Cli.Tests;

/// <summary>Score files for `score.kind = grid-file`: /t [M] and /score [M, nx] at the grid's cell centres.</summary>
public static class ScoreTables
{
    /// <summary>Cell centres of n cells on [lower, upper].</summary>
    public static double[] Centres(double lower, double upper, int n)
    {
        double h = (upper - lower) / n;
        return Enumerable.Range(0, n).Select(i => lower + (i + 0.5) * h).ToArray();
    }

    /// <summary>m times from tMin to tMax, equally spaced in log t (end points exact).</summary>
    public static double[] LogSpaced(double tMin, double tMax, int m) =>
        Enumerable.Range(0, m).Select(k => k == 0 ? tMin : k == m - 1 ? tMax : tMin * Math.Pow(tMax / tMin, (double)k / (m - 1)))
            .ToArray();

    /// <summary>Writes /t and /score with score[k, i] = s(t_k, x_i).</summary>
    public static void Write(string path, double[] times, double[] centres, Func<double, double, double> s)
    {
        var score = new double[times.Length, centres.Length];
        for (int k = 0; k < times.Length; k++)
            for (int i = 0; i < centres.Length; i++)
                score[k, i] = s(times[k], centres[i]);
        new H5File { ["t"] = times, ["score"] = score }.Write(path);
    }

    /// <summary>The exact score of a Dirac at 0 under the heat flow: s(t, x) = -x / (2t).</summary>
    public static double DiracAtZero(double t, double x) => -x / (2 * t);

    /// <summary>`--set score={...}` pointing at a grid-file score.</summary>
    public static string SetGridFileScore(string file, string dataset = "/score") =>
        $$"""score={"kind": "grid-file", "file": {{JsonSerializer.Serialize(file)}}, "dataset": {{JsonSerializer.Serialize(dataset)}}}""";
}
