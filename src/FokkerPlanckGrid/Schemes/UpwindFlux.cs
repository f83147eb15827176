using System.Numerics;

namespace FokkerPlanckGrid.Schemes;

/// <summary>
/// First-order upwind transport plus central diffusion:
/// <code>
///   F_{i-1/2} = b+ v_{i-1} + b- v_i - eps (v_i - v_{i-1}) / h,      b+ = max(b, 0), b- = min(b, 0)
///   cL = max(a, 0) + D,   cR = min(a, 0) - D,      a = b dtau / h,   D = eps dtau / h^2.
/// </code>
/// With the exact face velocity, the discrete divergence (b_{i+1/2} - b_{i-1/2}) / h is the cell average of div b,
/// so the discrete Li-Yau bound holds exactly (MATH.md section 4).
/// </summary>
public sealed class UpwindFlux : ITransportFlux
{
    public static UpwindFlux Instance { get; } = new();

    public double Coefficients(ReadOnlySpan<double> score, double velocityFactor, double dtauOverH, double diffusionNumber,
        Span<double> cL, Span<double> cR)
    {
        double scale = velocityFactor * dtauOverH;
        int n = score.Length, i = 0;
        var vmax = Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            var vs = new Vector<double>(scale);
            var vd = new Vector<double>(diffusionNumber);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var a = new Vector<double>(score[i..]) * vs;
                (Vector.Max(a, Vector<double>.Zero) + vd).CopyTo(cL[i..]);
                (Vector.Min(a, Vector<double>.Zero) - vd).CopyTo(cR[i..]);
                vmax = Vector.Max(vmax, Vector.Abs(a));
            }
        }
        double max = 0;
        for (int k = 0; k < Vector<double>.Count; k++) max = Math.Max(max, vmax[k]);
        for (; i < n; i++)
        {
            double a = score[i] * scale;
            cL[i] = Math.Max(a, 0) + diffusionNumber;
            cR[i] = Math.Min(a, 0) - diffusionNumber;
            max = Math.Max(max, Math.Abs(a));
        }
        return max;
    }
}
