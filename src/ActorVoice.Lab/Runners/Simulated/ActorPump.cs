using System.Collections.Concurrent;
using Akka.Dispatch;

namespace ActorVoice.Lab.Runners.Simulated;

/// <summary>
/// The executor of the simulated system's default dispatcher: actors' mailboxes are queued here and run only when the
/// driver calls <see cref="RunPending"/>, on the driver's thread, one at a time and in order. So the actors' work is
/// single-threaded and its order deterministic, and "the queue is empty" means every actor is idle (a mailbox run
/// that leaves messages behind queues itself again before it returns). <see cref="Release"/> hands the queue to the
/// thread pool for good (shutting the system down needs no driver).
/// </summary>
public sealed class ActorPump
{
    private static readonly ConcurrentDictionary<string, ActorPump> Registry = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<IRunnable> _queue = new();
    private volatile bool _released;
    private long _queued;
    private long _ran;

    private ActorPump(string id) => Id = id;

    /// <summary>The key that the dispatcher config names (<c>pump-id</c>).</summary>
    public string Id { get; }

    public bool IsIdle => _queue.IsEmpty;

    /// <summary>Mailbox runs queued and run so far, and whether the pump was released.</summary>
    public string Diagnostics => $"{Interlocked.Read(ref _queued)} queued, {Interlocked.Read(ref _ran)} ran, released: {_released}";

    /// <summary>A new pump, findable by its <see cref="Id"/> until <see cref="Release"/>.</summary>
    public static ActorPump Create()
    {
        var pump = new ActorPump(Guid.NewGuid().ToString("N"));
        Registry[pump.Id] = pump;
        return pump;
    }

    /// <summary>Runs queued mailbox runs until none is left; returns how many ran.</summary>
    public int RunPending()
    {
        var ran = 0;
        while (!_released && _queue.TryDequeue(out var runnable))
        {
            runnable.Run();
            ran++;
            Interlocked.Increment(ref _ran);
        }

        return ran;
    }

    /// <summary>From now on runs go to the thread pool (including those still queued).</summary>
    public void Release()
    {
        _released = true;
        Registry.TryRemove(Id, out _);
        DrainToThreadPool();
    }

    internal static ActorPump Find(string id) =>
        Registry.TryGetValue(id, out var pump) ? pump : throw new InvalidOperationException($"No simulation pump '{id}' is registered.");

    internal void Execute(IRunnable runnable)
    {
        if (_released)
        {
            ThreadPool.UnsafeQueueUserWorkItem(runnable, preferLocal: false);
            return;
        }

        Interlocked.Increment(ref _queued);
        _queue.Enqueue(runnable);
        if (_released)
        {
            DrainToThreadPool();
        }
    }

    private void DrainToThreadPool()
    {
        while (_queue.TryDequeue(out var runnable))
        {
            ThreadPool.UnsafeQueueUserWorkItem(runnable, preferLocal: false);
        }
    }

    /// <summary>The <see cref="ExecutorService"/> Akka's dispatcher drives.</summary>
    private sealed class PumpExecutor(string id, ActorPump pump) : ExecutorService(id)
    {
        public override void Execute(IRunnable run) => pump.Execute(run);

        public override void Shutdown()
        {
        }
    }

    /// <summary>Named in the dispatcher config as <c>executor</c>; finds its pump by the config's <c>pump-id</c>.</summary>
    public sealed class Configurator(Akka.Configuration.Config config, IDispatcherPrerequisites prerequisites) : ExecutorServiceConfigurator(config, prerequisites)
    {
        public override ExecutorService Produce(string id) => new PumpExecutor(id, Find(Config.GetString("pump-id")));
    }
}
