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
/// For the Ornstein-Uhlenbeck forward process (<see cref="OrnsteinUhlenbeckProcess"/>) t is OU time, s the OU score
/// and the velocity gains the linear drift of the process: b = (1+eps) s + x. The steppers transport with
/// (1+eps) times the faces of <see cref="Transport"/> = b/(1+eps), which is <see cref="Score"/> itself for the heat flow.
/// This type states the equation; how to step it is an <see cref="Schemes.IStepper"/>'s business.
/// </summary>
public sealed class BackwardFokkerPlanck
{
    public BackwardFokkerPlanck(IScore score, double eps, ForwardProcess? forward = null)
    {
        if (!(eps >= 0) || !double.IsFinite(eps)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be >= 0");
        Score = score;
        Eps = eps;
        Forward = forward ?? ForwardProcess.Heat;
        Transport = Forward.Transport(score, eps);
    }

    /// <summary>The score s = grad log (law of the forward process at t).</summary>
    public IScore Score { get; }

    /// <summary>b/(1+eps): the face values the steppers multiply by <see cref="VelocityFactor"/>.</summary>
    public IScore Transport { get; }

    /// <summary>The forward process (default: the heat flow).</summary>
    public ForwardProcess Forward { get; }

    /// <summary>eps: the diffusivity in reversed time (0: the probability-flow ODE's continuity equation).</summary>
    public double Eps { get; }

    /// <summary>The factor 1 + eps of the velocity b = (1 + eps) * <see cref="Transport"/>.</summary>
    public double VelocityFactor => 1 + Eps;

    public int Dimension => Score.Dimension;
}
