namespace FokkerPlanckGrid.Grids;

/// <summary>Splits a range of n items into contiguous blocks for Parallel.For without false sharing.</summary>
public static class ParallelLines
{
    public static int BlockCount(int n, int blockSize) => (n + blockSize - 1) / blockSize;

    public static (int Start, int End) Block(int block, int n, int blockSize)
    {
        int start = block * blockSize;
        return (start, Math.Min(n, start + blockSize));
    }
}
