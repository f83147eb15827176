using System.Numerics;
using System.Runtime.CompilerServices;

namespace FokkerPlanckGrid.Particles;

/// <summary>
/// A counter-based random number generator: every variate is a pure function of (seed, particle, stream, draw), so a
/// particle's randomness does not depend on the thread that moves it, on how the particles are cut into blocks, or on
/// how many particles there are.
/// <para>
/// Construction (SplitMix64, Steele, Lea and Flood 2014, as in Java's SplittableRandom). With the golden gamma
/// g = 0x9E3779B97F4A7C15 and the bijective finaliser Mix (Stafford's variant 13),
/// <code>
///   s        = Mix(seed + g)                                the seed's state
///   key_p    = Mix(s + (p + 1) g)                           particle p's key: the (p+1)-th output of SplitMix64 from s
///   U(p,n,j) = Mix(key_p + (64 n + j + 1) g)                draw j of stream n of particle p
/// </code>
/// i.e. particle p owns the SplitMix64 sequence started at its key, and draw j of stream n is output number 64 n + j + 1
/// of that sequence: consecutive counters, the use SplitMix64 is tested for (it passes BigCrush). The particle keys are
/// themselves consecutive SplitMix64 outputs, the way SplittableRandom.split seeds child generators. Streams are the
/// time steps n = 0, 1, ... and <see cref="StartStream"/> for the start draws; each stream has 64 draws.
/// </para>
/// <para>
/// Why the result is independent of threads: nothing is carried from one variate to the next, so the value of
/// U(p, n, j) is the same whichever worker computes it and in whichever order; the sampler's arithmetic on particle p
/// uses only particle p's variates and position, in a fixed sequence of operations.
/// </para>
/// Uniforms take the top 53 bits, (z &gt;&gt; 11) 2^-53 in [0, 1); normals are Box–Muller pairs (exact in exact
/// arithmetic): with u1 = 1 - U1 in (0, 1], r = sqrt(-2 ln u1), z0 = r cos(2 pi U2), z1 = r sin(2 pi U2).
/// </summary>
public static class CounterRng
{
    /// <summary>The golden gamma of SplitMix64, odd and close to 2^64 / phi.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>Draws per stream (the low 6 bits of the counter).</summary>
    public const int DrawsPerStream = 64;

    /// <summary>The stream of a particle's start draws; time steps use streams 0 .. steps - 1 (fewer than this).</summary>
    public const ulong StartStream = 1UL << 40;

    private const double Unit = 1.0 / (1UL << 53);

    /// <summary>SplitMix64's finaliser: a bijection of 64-bit words with full avalanche.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The state s derived from a seed (any 64-bit value; negative seeds are taken modulo 2^64).</summary>
    public static ulong SeedState(long seed) => Mix(unchecked((ulong)seed + Gamma));

    /// <summary>key_p, particle p's key under the seed state s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ParticleKey(ulong seedState, long particle) => Mix(unchecked(seedState + ((ulong)particle + 1) * Gamma));

    /// <summary>The counter of draw j of stream n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Counter(ulong stream, int draw) => stream * DrawsPerStream + (ulong)draw + 1;

    /// <summary>The 64-bit word U(p, n, j) for the particle key key_p and counter 64 n + j + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(ulong key, ulong counter) => Mix(unchecked(key + counter * Gamma));

    /// <summary>A uniform in [0, 1) from the top 53 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ulong bits) => (bits >> 11) * Unit;

    /// <summary>Two independent standard normals from draws 2i and 2i+1 of a stream (Box–Muller).</summary>
    public static (double Z0, double Z1) NormalPair(ulong key, ulong stream, int pair)
    {
        double u1 = 1.0 - Uniform(Bits(key, Counter(stream, 2 * pair)));
        double u2 = Uniform(Bits(key, Counter(stream, 2 * pair + 1)));
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        var (sin, cos) = Math.SinCos(2 * Math.PI * u2);
        return (r * cos, r * sin);
    }

    /// <summary>
    /// Vector form of <see cref="NormalPair(ulong, ulong, int)"/> for Vector&lt;double&gt;.Count particles at once (one key per lane):
    /// the same variates U as the scalar form, bit for bit; the normals use the vector log and sincos, so they agree with
    /// the scalar ones only to a few ulps. A particle's normals are therefore reproducible as long as it is always drawn
    /// by the same form — the sampler always uses this one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NormalPair(Vector<ulong> keys, ulong stream, int pair, out Vector<double> z0, out Vector<double> z1)
    {
        var b1 = MixVector(keys + new Vector<ulong>(Counter(stream, 2 * pair) * Gamma));
        var b2 = MixVector(keys + new Vector<ulong>(Counter(stream, 2 * pair + 1) * Gamma));
        var unit = new Vector<double>(Unit);
        var u1 = Vector<double>.One - Vector.ConvertToDouble(Vector.ShiftRightLogical(b1, 11)) * unit;
        var u2 = Vector.ConvertToDouble(Vector.ShiftRightLogical(b2, 11)) * unit;
        var r = Vector.SquareRoot(new Vector<double>(-2.0) * Vector.Log(u1));
        var (sin, cos) = Vector.SinCos(new Vector<double>(2 * Math.PI) * u2);
        z0 = r * cos;
        z1 = r * sin;
    }

    /// <summary><see cref="Mix"/> lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<ulong> MixVector(Vector<ulong> z)
    {
        z = (z ^ Vector.ShiftRightLogical(z, 30)) * new Vector<ulong>(0xBF58476D1CE4E5B9UL);
        z = (z ^ Vector.ShiftRightLogical(z, 27)) * new Vector<ulong>(0x94D049BB133111EBUL);
        return z ^ Vector.ShiftRightLogical(z, 31);
    }
}
