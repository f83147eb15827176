using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.IO.Studies;

namespace FokkerPlanckGrid.Cli.Validation.Studies;

/// <summary>
/// The parameters the two Figure 2 studies (grid and SDE) share: the empirical measure (`samples` points drawn with
/// `seed` from the curve), the `share` of mass a highest-density region holds, the radius `delta` around the sample
/// points, and the figure's `view` window.
/// </summary>
internal sealed record MemorisationParameters(int Samples, int Seed, double Share, double Delta, double[][] View)
{
    /// <summary>Reads them, each with its rule (bad input names the key); the view defaults to the case's box.</summary>
    public static MemorisationParameters Read(StudyParameters p, Case c)
    {
        int n = p.Integer("samples", "must be an integer >= 1", k => k >= 1, 10);
        int seed = p.Integer("seed", "must be an integer", _ => true, 1);
        double share = p.Number("share", "must be a number in (0, 1)", x => x > 0 && x < 1, 0.95);
        double delta = p.Number("delta", "must be a number > 0", x => x > 0, 0.1);
        var view = p.Points("view", 2, c.Grid.Box);
        if (view.Any(b => !(b[1] > b[0])))
            throw new CaseInputException(StudyParameters.Key("view"), "", "must be [[x0, x1], [y0, y1]] with x0 < x1, y0 < y1");
        return new MemorisationParameters(n, seed, share, delta, view);
    }

    /// <summary>The case with the empirical measure of the samples in place of its data.</summary>
    public Case Empirical(Case c) => c with { Name = c.Name + "-empirical", Data = new SamplesSpec(null, null, c.Data, Samples, Seed) };
}
