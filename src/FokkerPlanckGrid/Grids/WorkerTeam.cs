namespace FokkerPlanckGrid.Grids;

/// <summary>
/// A fixed team of worker threads that runs one body on every worker and waits for all of them, without allocating:
/// the time loop calls it several times per step, where Parallel.For would allocate its loop state each time.
/// Worker 0 is the calling thread; workers 1..n-1 are background threads that wait on an event (after a short spin)
/// between calls. One call at a time per team: concurrent callers are serialised by a lock.
/// </summary>
public sealed class WorkerTeam
{
    private static readonly Dictionary<int, WorkerTeam> SharedTeams = [];
    private readonly object _gate = new();
    private readonly ManualResetEventSlim[] _start;
    private readonly ManualResetEventSlim _done = new(false, 2000);
    private Action<int>? _body;
    private int _pending;
    private Exception? _failure;

    private WorkerTeam(int size)
    {
        Size = size;
        _start = new ManualResetEventSlim[size];
        for (int w = 1; w < size; w++)
        {
            _start[w] = new ManualResetEventSlim(false, 2000);
            int id = w;
            new Thread(() => Loop(id)) { IsBackground = true, Name = $"fpgrid-worker-{id}" }.Start();
        }
    }

    /// <summary>Number of workers, the calling thread included.</summary>
    public int Size { get; }

    /// <summary>The process-wide team of <paramref name="threads"/> workers (0 or less: one per core).</summary>
    public static WorkerTeam Shared(int threads)
    {
        int size = threads > 0 ? threads : Environment.ProcessorCount;
        lock (SharedTeams)
        {
            if (!SharedTeams.TryGetValue(size, out var team)) SharedTeams[size] = team = new WorkerTeam(size);
            return team;
        }
    }

    /// <summary>Runs <paramref name="body"/>(w) for w = 0..Size-1, one per worker, and returns when all are done.</summary>
    public void Run(Action<int> body)
    {
        if (Size == 1) { body(0); return; }
        lock (_gate)
        {
            _body = body;
            _failure = null;
            _pending = Size - 1;
            _done.Reset();
            for (int w = 1; w < Size; w++) _start[w].Set();
            try
            {
                body(0);
            }
            finally
            {
                _done.Wait();
                _body = null;
            }
            if (_failure is { } e) throw new AggregateException(e);
        }
    }

    private void Loop(int id)
    {
        var start = _start[id];
        while (true)
        {
            start.Wait();
            start.Reset();
            try
            {
                _body!(id);
            }
            catch (Exception e)
            {
                _failure = e;
            }
            if (Interlocked.Decrement(ref _pending) == 0) _done.Set();
        }
    }
}
