using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;
using ActorVoice.Hosting;
using ActorVoice.Hosting.Knowledge;
using ActorVoice.Hosting.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Cli.Soak;

/// <summary>
/// Runs a soak: one ActorVoice host (index, embedded local realtime server unless a URL is configured, actor system),
/// <see cref="SoakOptions.Sessions"/> workers each running spoken turns on its own voice session and replacing that
/// session every <see cref="SoakOptions.TurnsPerSession"/> turns, until <see cref="SoakOptions.Turns"/> turns have run.
/// Resources are sampled at the start, every <see cref="SoakOptions.SampleEvery"/> turns, and at the end once every
/// session closed. A turn that fails (an error, no result in time) is counted and the run goes on.
/// </summary>
public sealed class SoakRunner
{
    private readonly Akka.Configuration.Config _config;
    private readonly string _docs;
    private readonly string _indexFolder;
    private readonly IReadOnlyList<string> _questionWavs;
    private readonly SoakOptions _options;
    private readonly TextWriter _progress;
    private readonly List<SoakSample> _samples = [];
    private readonly Lock _sampling = new();
    private readonly ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = new();
    private int _started;
    private int _done;
    private int _failed;
    private int _openSessions;
    private int _sessionsStarted;

    /// <param name="config">The host's HOCON (pace, realtime endpoint, ...).</param>
    /// <param name="docs">Documents to index into <paramref name="indexFolder"/>.</param>
    /// <param name="indexFolder">Where the index lives.</param>
    /// <param name="questionWavs">The spoken questions, asked in turn, round and round.</param>
    /// <param name="options">What to run.</param>
    /// <param name="progress">One line per sample (stderr in the CLI).</param>
    public SoakRunner(Akka.Configuration.Config config, string docs, string indexFolder, IReadOnlyList<string> questionWavs, SoakOptions options, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(questionWavs);
        ArgumentNullException.ThrowIfNull(options);
        if (questionWavs.Count == 0)
        {
            throw new ArgumentException("A soak needs at least one spoken question.", nameof(questionWavs));
        }

        _config = config;
        _docs = docs;
        _indexFolder = indexFolder;
        _questionWavs = questionWavs;
        _options = options;
        _progress = progress;
    }

    public async Task<SoakReport> RunAsync(CancellationToken cancellationToken)
    {
        var host = new HostBuilder()
            .AddActorVoice(_config, voice =>
            {
                voice.MinimumLogLevel = LogLevel.Warning;
                voice.WithKnowledge(new KnowledgeOptions(_indexFolder, _docs)).WithVoiceEngine();
                if (voice.Settings.Realtime.IsEmbedded)
                {
                    voice.WithLocalRealtimeServer(s => s with { Port = 0 });
                }
            })
            .Build();
        try
        {
            await host.StartAsync(cancellationToken);
            var sessions = host.Services.GetRequiredService<VoiceSessions>();
            var system = host.Services.GetRequiredService<ActorSystem>();
            _clock.Start();
            Sample();
            var workers = Enumerable.Range(0, _options.Sessions).Select(w => Task.Run(() => WorkAsync(w, sessions, system, cancellationToken), cancellationToken));
            await Task.WhenAll(workers);
            // Sessions are gone: what the host still holds now should be what it held at the start.
            Sample();
            return new SoakReport(_options, [.. _samples], new Dictionary<string, int>(_outcomes), new Dictionary<string, int>(_failures), _clock.Elapsed);
        }
        finally
        {
            await StopAsync(host);
        }
    }

    /// <summary>One worker: takes turns from the shared budget, on a session it replaces every K turns.</summary>
    private async Task WorkAsync(int worker, VoiceSessions sessions, ActorSystem system, CancellationToken cancellationToken)
    {
        var generation = 0;
        while (TryTakeTurn())
        {
            IActorRef? session = null;
            try
            {
                session = await sessions.StartAsync(null, $"soak-{worker}-{generation++}", cancellationToken);
                Interlocked.Increment(ref _sessionsStarted);
                Interlocked.Increment(ref _openSessions);
                var turnsHere = 0;
                do
                {
                    await RunTurnAsync(session, sessions, cancellationToken);
                }
                while (++turnsHere < _options.TurnsPerSession && TryTakeTurn());
            }
            catch (Exception ex) when (ex is InvalidOperationException or AskTimeoutException)
            {
                // The session did not start: the turn taken for it fails, and the next one tries a new session.
                TurnEnded(outcome: null, failure: "session start: " + ex.GetType().Name);
            }
            finally
            {
                if (session is not null)
                {
                    await CloseAsync(session, system);
                    Interlocked.Decrement(ref _openSessions);
                }
            }
        }
    }

    private bool TryTakeTurn() => Interlocked.Increment(ref _started) <= _options.Turns;

    private async Task RunTurnAsync(IActorRef session, VoiceSessions sessions, CancellationToken cancellationToken)
    {
        var wav = _questionWavs[(Volatile.Read(ref _started) - 1) % _questionWavs.Count];
        var timeout = sessions.Settings.Turn.TurnTimeout + TimeSpan.FromSeconds(10);
        TurnOutcome? outcome = null;
        string? failure = null;
        try
        {
            var result = await session.Ask<TurnResult>(new SessionActor.RunTurn(wav, "soak"), timeout, cancellationToken);
            outcome = result.Outcome;
            failure = result.Error is null ? null : "turn error";
        }
        catch (AskTimeoutException)
        {
            failure = "no result in time";
        }

        TurnEnded(outcome, failure);
    }

    private void TurnEnded(TurnOutcome? outcome, string? failure)
    {
        if (outcome is { } o)
        {
            _outcomes.AddOrUpdate(o.ToString(), 1, (_, n) => n + 1);
        }

        if (failure is not null)
        {
            Interlocked.Increment(ref _failed);
            _failures.AddOrUpdate(failure, 1, (_, n) => n + 1);
        }

        if (Interlocked.Increment(ref _done) % _options.SampleEvery == 0)
        {
            Sample();
        }
    }

    // A full blocking collection stops every thread anyway; one sample at a time.
    private void Sample()
    {
        lock (_sampling)
        {
            var managed = ProcessResources.ManagedBytesAfterFullCollection();
            var (workingSet, committed, handles, threads) = ProcessResources.Current();
            var sample = new SoakSample(
                Volatile.Read(ref _done), Volatile.Read(ref _failed), _clock.Elapsed, managed, workingSet, committed, handles, threads,
                Volatile.Read(ref _openSessions), Volatile.Read(ref _sessionsStarted));
            _samples.Add(sample);
            _progress.WriteLine(SoakReportWriter.Row(sample));
        }
    }

    /// <summary>Stops a session and waits until it and its children are gone (its telemetry actor stops with it).</summary>
    private static async Task CloseAsync(IActorRef session, ActorSystem system)
    {
        try
        {
            if (!await session.GracefulStop(TimeSpan.FromSeconds(15)))
            {
                system.Stop(session);
            }
        }
        catch (TaskCanceledException)
        {
            system.Stop(session);
        }
    }

    private static async Task StopAsync(IHost host)
    {
        try
        {
            await host.StopAsync();
        }
        finally
        {
            if (host is IAsyncDisposable asyncHost)
            {
                await asyncHost.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }
}
