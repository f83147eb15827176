namespace FokkerPlanckGrid.Particles;

/// <summary>
/// How a particle is moved from t to t' &lt; t along the generative SDE (2.7),
/// dX = -(1+eps) s(X, t) dt + sqrt(2 eps) dW run from T down to t_min (eps = 0: the probability-flow ODE (3.8)).
/// With delta = m - x = 2t s, q = t'/t and dt = t - t' &gt; 0:
/// </summary>
public enum ParticleMethod
{
    /// <summary>
    /// m frozen over the step makes the SDE linear and exactly solvable (MATH.md section 4):
    /// X' = X + (1 - q^{(1+eps)/2}) delta(X, t) + sqrt(2 t' (1 - q^eps)) xi. Exact for one Dirac (any step); for eps = 0
    /// X' - m = sqrt(q) (X - m), which gives the sqrt(t) rate and the convex-hull bound exactly.
    /// </summary>
    ExactMeanShift,

    /// <summary>X' = X + (1+eps) dt s(X, t) + sqrt(2 eps dt) xi.</summary>
    EulerMaruyama,

    /// <summary>
    /// Stochastic Heun (predictor-corrector on the drift, one xi per step for both stages; additive noise):
    /// X~ = X + b(X, t) dt + sqrt(2 eps dt) xi,  X' = X + (b(X, t) + b(X~, t')) dt / 2 + sqrt(2 eps dt) xi, b = (1+eps) s.
    /// </summary>
    Heun,
}
