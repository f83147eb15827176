using FokkerPlanckGrid.Scores;

namespace FokkerPlanckGrid.Equations;

/// <summary>
/// The backward Fokker-Planck equation of score-based diffusion (Liu &amp; Zuazua (3.1)):
/// <code>
///   dv/dt + eps Lap v - (1+eps) div(s v) = 0,   t in (t_min, T),   v(., T) = v_T,   eps &gt;= 0.
/// </code>
/// In reversed time tau = T - t it is the forward convection-diffusion equation
/// <code>
///   dv/dtau + div(b v) = eps Lap v,   b = (1+eps) s   (velocity),   eps   (diffusivity),
/// </code>
/// the law of the generative SDE dX = -(1+eps) s(X,t) dt + sqrt(2 eps) dW run from T down to t_min.
/// This type states the equation; how to step it is an <see cref="Schemes.IStepper"/>'s business.
/// </summary>
public sealed class BackwardFokkerPlanck
{
    public BackwardFokkerPlanck(IScore score, double eps)
    {
        if (!(eps >= 0) || !double.IsFinite(eps)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be >= 0");
        Score = score;
        Eps = eps;
    }

    public IScore Score { get; }

    /// <summary>eps: the diffusivity in reversed time (0: the probability-flow ODE's continuity equation).</summary>
    public double Eps { get; }

    /// <summary>The factor 1 + eps of the velocity b = (1 + eps) s.</summary>
    public double VelocityFactor => 1 + Eps;

    public int Dimension => Score.Dimension;
}
