namespace FokkerPlanckGrid.Particles;

/// <summary>
/// A <see cref="Random"/> whose draws are those of one stream of one particle of <see cref="CounterRng"/>:
/// draw j of the stream is U(p, n, j). It lets the data distributions' own samplers
/// (<see cref="Distributions.IDataDistribution.Sample"/>) draw a particle's start point reproducibly, whatever thread
/// does it. One instance per worker, re-aimed with <see cref="Reset"/> for each particle (no allocation per particle).
/// A stream holds <see cref="CounterRng.DrawsPerStream"/> draws; asking for more is an error, never a silent wrap.
/// </summary>
public sealed class CounterRandom : Random
{
    private readonly ulong _seedState;
    private ulong _key, _stream;
    private int _draw;

    public CounterRandom(long seed) : base(0) => _seedState = CounterRng.SeedState(seed);

    /// <summary>Aims the generator at draw 0 of stream <paramref name="stream"/> of particle <paramref name="particle"/>.</summary>
    public void Reset(long particle, ulong stream)
    {
        _key = CounterRng.ParticleKey(_seedState, particle);
        _stream = stream;
        _draw = 0;
    }

    /// <summary>The next 64-bit word of the stream.</summary>
    public ulong NextBits()
    {
        if (_draw >= CounterRng.DrawsPerStream)
            throw new InvalidOperationException($"a particle stream holds {CounterRng.DrawsPerStream} draws");
        return CounterRng.Bits(_key, CounterRng.Counter(_stream, _draw++));
    }

    /// <summary>A standard normal (Box–Muller, the cosine branch; two draws).</summary>
    public double NextNormal()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public override double NextDouble() => CounterRng.Uniform(NextBits());

    protected override double Sample() => NextDouble();

    public override int Next()
    {
        int n = (int)(NextBits() >> 33);   // 31 bits; Next() must stay below int.MaxValue
        return n == int.MaxValue ? int.MaxValue - 1 : n;
    }

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)(NextDouble() * maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + (int)(NextDouble() * ((long)maxValue - minValue));
    }

    public override long NextInt64()
    {
        long n = (long)(NextBits() >> 1);
        return n == long.MaxValue ? long.MaxValue - 1 : n;
    }

    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i += 8)
        {
            ulong bits = NextBits();
            for (int k = 0; k < 8 && i + k < buffer.Length; k++) buffer[i + k] = (byte)(bits >> (8 * k));
        }
    }

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override float NextSingle() => (NextBits() >> 40) * (1f / (1 << 24));
}
