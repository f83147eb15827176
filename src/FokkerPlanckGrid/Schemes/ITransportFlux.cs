namespace FokkerPlanckGrid.Schemes;

/// <summary>
/// The numerical flux through one face of a 1D line, in the form used by every implicit step:
/// <code>
///   (dtau / h) F_{i-1/2} = cL v_{i-1} + cR v_i,     cL &gt;= 0 &gt;= cR,
/// </code>
/// where F is the transport flux of velocity b plus the diffusion flux -eps (v_i - v_{i-1}) / h. The signs make
/// I + dtau A an M-matrix with unit column sums (see <see cref="Tridiagonal"/>), which is what keeps positivity and
/// mass exact for any step.
/// </summary>
public interface ITransportFlux
{
    /// <summary>
    /// Face coefficients for velocities b = <paramref name="velocityFactor"/> * <paramref name="score"/>,
    /// Courant factor <paramref name="dtauOverH"/> = dtau / h and diffusion number
    /// <paramref name="diffusionNumber"/> = eps dtau / h^2. Writes cL and cR face by face; returns max |b| dtau / h.
    /// </summary>
    double Coefficients(ReadOnlySpan<double> score, double velocityFactor, double dtauOverH, double diffusionNumber,
        Span<double> cL, Span<double> cR);
}
