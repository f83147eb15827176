namespace FokkerPlanckGrid.Mixing;

/// <summary>
/// A (Clarke) critical point of the mixing potential Phi_lambda (<see cref="MixingPotential"/>).
/// </summary>
/// <param name="X">the point</param>
/// <param name="Value">Phi_lambda(X)</param>
/// <param name="IsLocalMinimum">a strict local minimum of Phi_lambda (where trajectories of the mixed score settle)</param>
/// <param name="Pieces">the essentially active pairs (i, j), y_i in S1 and z_j in S2 nearest to points of every
/// neighbourhood of X with non-empty interior: one pair for an interior critical point X = lambda y_i + (1-lambda) z_j,
/// two or more on a boundary of the Voronoi cells (a Clarke critical point)</param>
public sealed record CriticalPoint(double[] X, double Value, bool IsLocalMinimum, (int First, int Second)[] Pieces)
{
    /// <summary>True for a Clarke critical point on a boundary between Voronoi cells (more than one active pair).</summary>
    public bool OnBoundary => Pieces.Length > 1;

    /// <summary>"minimum", "boundary minimum", "saddle or maximum" (interior critical points are always minima).</summary>
    public string Kind => IsLocalMinimum ? (OnBoundary ? "boundary minimum" : "minimum") : "saddle or maximum";

    public override string ToString() => $"({string.Join(", ", X.Select(c => c.ToString("G6")))}) {Kind}";
}
