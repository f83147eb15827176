namespace FokkerPlanckGrid.Particles;

/// <summary>
/// The mean-shift displacement delta(x, t) = m(x, t) - x = 2t s(x, t) for a block of particles (MATH.md section 1:
/// s = (m - x)/(2t)), the one quantity every particle method needs. Particles are laid out by coordinate
/// (x0[i], x1[i]); in 1D the y spans are empty. The block length is a multiple of Vector&lt;double&gt;.Count and every
/// lane is computed the same way, so a particle's result does not depend on its position in the block.
/// An instance may own scratch buffers: one instance per worker thread.
/// </summary>
public interface IMeanShiftKernel
{
    int Dimension { get; }

    /// <summary>d = delta(x, t) for every particle of the block.</summary>
    void Displacement(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, double t, Span<double> d0, Span<double> d1);
}
