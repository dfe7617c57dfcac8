using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;

namespace ActorVoice.Lab.Runners.Simulated;

/// <summary>
/// An actor system on virtual time whose actors run only when the driver lets them: the default dispatcher's
/// mailboxes go through an <see cref="ActorPump"/> and the scheduler is a <see cref="VirtualTimeScheduler"/>.
/// <see cref="RunUntil"/> alternates "let every actor go quiet (and every started knowledge query reach the source)"
/// and "jump to the next due item", so every mark is a virtual time and a run is the same each time.
/// </summary>
public sealed class SimulationDriver : IDisposable
{
    /// <summary>Real time allowed for queries handed to the thread pool to reach the knowledge source.</summary>
    private static readonly TimeSpan ArrivalWait = TimeSpan.FromSeconds(5);

    private readonly ActorPump _pump;
    private bool _disposed;

    public SimulationDriver(string name, JobLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        Ledger = ledger;
        _pump = ActorPump.Create();
        var config = ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = OFF
              stdout-loglevel = OFF
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              scheduler.implementation = "{{typeof(VirtualTimeScheduler).AssemblyQualifiedName}}"
              actor.default-dispatcher {
                executor = "{{typeof(ActorPump.Configurator).AssemblyQualifiedName}}"
                pump-id = "{{_pump.Id}}"
                throughput = 1000
              }
            }
            """);
        System = ActorSystem.Create(name, config);
        Clock = (VirtualTimeScheduler)System.Scheduler;
        Settle();
    }

    public ActorSystem System { get; }

    public VirtualTimeScheduler Clock { get; }

    public JobLedger Ledger { get; }

    /// <summary>What the pump did, for error messages.</summary>
    public string Diagnostics => _pump.Diagnostics;

    /// <summary>Times a query did not reach the source within the real-time bound (its timing may then be late).</summary>
    public int LateArrivals { get; private set; }

    /// <summary>Pumps until <paramref name="condition"/> holds (for work Akka starts off the pump, such as creating a top-level actor); throws after a real-time bound.</summary>
    public void SettleUntil(Func<bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            Settle();
            if (condition())
            {
                return;
            }

            if (watch.Elapsed > ArrivalWait)
            {
                throw new InvalidOperationException("The simulation's actor system did not start its actors in time.");
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>
    /// Runs the simulation until <paramref name="done"/> holds (checked whenever the actors are quiet), or throws when
    /// nothing is due any more or virtual time would pass <paramref name="limit"/>.
    /// </summary>
    public void RunUntil(Func<bool> done, DateTimeOffset limit, Func<string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(done);
        while (true)
        {
            Settle();
            if (done())
            {
                return;
            }

            if (!Clock.TryAdvanceToNext(limit))
            {
                throw new InvalidOperationException($"The simulation stalled at {Clock.Now:O}: nothing is due before {limit:O} and the turn has not ended ({describe?.Invoke()}; {LateArrivals} late queries).");
            }
        }
    }

    /// <summary>Runs the actors until they are idle and every started query has reached the knowledge source.</summary>
    public void Settle()
    {
        var watch = (Stopwatch?)null;
        while (true)
        {
            _pump.RunPending();
            if (Ledger.AllQueriesSettled())
            {
                if (_pump.IsIdle)
                {
                    return;
                }

                continue;
            }

            watch ??= Stopwatch.StartNew();
            if (watch.Elapsed > ArrivalWait)
            {
                LateArrivals++;
                return;
            }

            Thread.Yield();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _pump.Release();
        System.Terminate().Wait(TimeSpan.FromSeconds(10));
        System.Dispose();
    }
}
