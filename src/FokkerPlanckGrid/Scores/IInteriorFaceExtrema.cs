using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Scores;

/// <summary>
/// A face kernel that also reports, for its last <see cref="IScore.EvaluateFaces"/> call, max |s| over the interior
/// faces (walls excluded) of each direction — what a stepper needs for the Courant number — computed while the
/// values were still in cache, so that the stepper need not read the face arrays once more.
/// </summary>
public interface IInteriorFaceExtrema
{
    /// <summary>(max |s_x| over interior x-faces, max |s_y| over interior y-faces) of the last evaluation.</summary>
    (double X, double Y) InteriorMaxAbs { get; }
}

/// <summary>
/// A face kernel that can also evaluate a s(a x, t) for a scale a: the score of the laws a^d u(a x, t), the form in
/// which the Ornstein-Uhlenbeck laws of the same data map onto the heat flow (<see cref="ExactScore"/>).
/// </summary>
internal interface IScaledFaces
{
    void EvaluateFaces(Grid grid, double t, FaceField faces, double scale);
}
