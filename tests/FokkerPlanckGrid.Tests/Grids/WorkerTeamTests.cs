using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Tests.Grids;

public class WorkerTeamTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_CallsTheBodyOncePerWorker_AndWaitsForAll(int threads)
    {
        var team = WorkerTeam.Shared(threads);
        for (int round = 0; round < 200; round++)
        {
            var hits = new int[team.Size];
            team.Run(w => { Thread.SpinWait(50); Interlocked.Increment(ref hits[w]); });
            Assert.All(hits, h => Assert.Equal(1, h));
        }
    }

    [Fact]
    public void Run_PropagatesAWorkersException_AndStaysUsable()
    {
        var team = WorkerTeam.Shared(2);
        Assert.Throws<AggregateException>(() => team.Run(w => { if (w == team.Size - 1 && w > 0) throw new InvalidOperationException("boom"); }));
        int calls = 0;
        team.Run(_ => Interlocked.Increment(ref calls));
        Assert.Equal(team.Size, calls);
    }
}

public class WorkQueueTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(2, 97)]
    [InlineData(3, 1000)]
    public void EveryChunkIsTakenExactlyOnce(int threads, int chunks)
    {
        var team = WorkerTeam.Shared(threads);
        var queue = new WorkQueue();
        for (int round = 0; round < 50; round++)
        {
            var taken = new int[chunks];
            queue.Reset(chunks);
            team.Run(_ => { while (queue.TryTake(out int c)) Interlocked.Increment(ref taken[c]); });
            Assert.All(taken, t => Assert.Equal(1, t));
        }
    }
}
