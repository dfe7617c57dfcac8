using System.Diagnostics;
using Akka.Actor;
using ActorVoice.Audio.Files;
using ActorVoice.Cli.Chaos.Invariants;
using ActorVoice.Cli.Runtime;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Telemetry;
using ActorVoice.Engine.Turns;
using ActorVoice.Faults;
using ActorVoice.Hosting;
using ActorVoice.Hosting.Knowledge;
using ActorVoice.Hosting.Sessions;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.Realtime.Protocol.Session;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Cli.Chaos;

/// <summary>
/// Runs one chaos run in this process: a host with the plan's faults injected into the engine and the embedded local
/// server (which honours the same plan), one session through the scripted conversation (<see cref="ChaosScript"/>),
/// then the session and the host stopped, and the invariants checked on what was observed.
/// </summary>
/// <remarks>
/// The host is composed here rather than through <c>AssistantRuntime</c> because the run must hook in between the
/// host's start and the session's (the server's frame observer, the gauges' baseline) and stop the session alone,
/// before the host, to see what outlives it.
/// </remarks>
public static class ChaosRunner
{
    private const string SessionName = "session";
    private const string BeforeStop = "before-stop";
    private const string AfterStop = "after-stop";
    private static readonly TimeSpan ProbeWait = TimeSpan.FromMilliseconds(300);

    public static async Task<ChaosReport> RunAsync(ChaosOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var faults = new FaultInjection(options.Plan);
        Directory.CreateDirectory(options.OutputFolder);
        var noise = NoiseBurst.Write(Path.Combine(options.OutputFolder, "noise-burst.wav"), options.Plan.Seed);
        var steps = ChaosScript.Build(options.Turns, options.QuestionFolder, noise);
        var frames = new ClientFrameLog();
        var host = new HostBuilder()
            .AddActorVoice(options.Config, voice =>
            {
                voice.MinimumLogLevel = options.Verbose ? LogLevel.Information : LogLevel.Error;
                voice.Status = options.Verbose ? Console.Error : null;
                voice.WithKnowledge(new KnowledgeOptions(options.IndexFolder, options.DocsFolder)).WithVoiceEngine().WithFaults(faults);
                if (voice.Settings.Realtime.IsEmbedded)
                {
                    voice.WithLocalRealtimeServer(s => s with { Port = 0 });
                }
            })
            .Build();
        try
        {
            await host.StartAsync(cancellationToken);
            if (host.Services.GetService<LocalRealtimeServer>() is { } server)
            {
                server.FrameObserver = frames.Observe;
            }

            var (record, observations) = await RunSessionAsync(host.Services, steps, options, cancellationToken);
            return Report(options.Plan, record with { Truncates = frames.Truncates, Reconnects = observations.Reconnects }, observations, faults);
        }
        finally
        {
            await AssistantRuntime.StopAsync(host);
        }
    }

    private static async Task<(ChaosRecord Record, ChaosObserver.Observations Observations)> RunSessionAsync(
        IServiceProvider services, IReadOnlyList<ChaosStep> steps, ChaosOptions options, CancellationToken cancellationToken)
    {
        var system = services.GetRequiredService<ActorSystem>();
        var sessions = services.GetRequiredService<VoiceSessions>();
        var settings = sessions.Settings;
        var observer = system.ActorOf(ChaosObserver.Props(), "chaos-observer");
        var before = LiveResources.Snapshot();
        var turns = new List<ObservedTurn>();
        var missing = new List<string>();
        var afterTurns = new List<TurnGauges>();
        ResourceSample? baseline = null;
        IReadOnlyList<TranscriptEntry>? log = null;
        IActorRef? session = null;
        try
        {
            session = await sessions.StartAsync(observer, SessionName, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or AskTimeoutException)
        {
            missing.Add("the session could not start: " + ex.Message);
        }

        if (session is not null)
        {
            var timeout = settings.Turn.TurnTimeout + TimeSpan.FromSeconds(10);
            foreach (var step in steps)
            {
                var interrupt = step.OverWav is null ? null : new TurnActor.Interrupt(step.OverWav, step.AfterMs);
                var result = await AskAsync(() => session.Ask<TurnResult>(new SessionActor.RunTurn(step.QuestionWav, step.Label, interrupt), timeout, cancellationToken), step.Label, missing);
                if (result is not null)
                {
                    turns.Add(Observed(step.Kind, result));
                    // Whatever cut into the answer (words, or a cough taken for words) is a turn of its own: it ends before the next step.
                    if (result.Outcome == TurnOutcome.Interrupted)
                    {
                        var next = await AskAsync(() => session.Ask<TurnResult>(new SessionActor.AwaitTurn(result.TurnNumber + 1), timeout, cancellationToken), step.Label + "-next", missing);
                        if (next is not null)
                        {
                            turns.Add(Observed(TurnKinds.Interruption, next));
                        }
                    }
                }

                // The turn's capture and queries must stop with it, and a restarted playback's or socket's old stream or
                // connection must have ended: give cancellations a moment, then look.
                var settled = await SettleAsync(now => now[LiveResources.CaptureStreams.Name] <= before[LiveResources.CaptureStreams.Name]
                    && now[LiveResources.SpeculativeJobs.Name] <= before[LiveResources.SpeculativeJobs.Name]
                    && now[LiveResources.PlaybackStreams.Name] <= before[LiveResources.PlaybackStreams.Name] + 1
                    && now[LiveResources.RealtimeConnections.Name] <= before[LiveResources.RealtimeConnections.Name] + 1, options.SettleTimeout, cancellationToken);
                afterTurns.AddRange(turns.Where(t => afterTurns.All(a => a.TurnNumber != t.Result.TurnNumber)).Select(t => new TurnGauges(t.Result.TurnNumber, settled)));
                baseline ??= ResourceSample.Take();
            }

            log = await AskAsync(() => session.Ask<SessionActor.TranscriptLogSnapshot>(SessionActor.GetTranscriptLog.Instance, TimeSpan.FromSeconds(5), cancellationToken), "transcript log", missing: null) is { } snapshot
                ? snapshot.Entries
                : null;
            system.ActorSelection(session.Path / "*").Tell(new Identify(BeforeStop), observer);
            await Task.Delay(ProbeWait, cancellationToken);
            try
            {
                await session.GracefulStop(TimeSpan.FromSeconds(10));
            }
            catch (TaskCanceledException)
            {
                missing.Add("the session did not stop within 10 s");
            }
        }

        var after = await SettleAsync(now => now.DifferencesFrom(before).Count == 0, options.SettleTimeout, cancellationToken);
        var remaining = await ProbeAfterStopAsync(system, observer, options.SettleTimeout, cancellationToken);
        var final = ResourceSample.Take();
        var observations = await observer.Ask<ChaosObserver.Observations>(ChaosObserver.GetObservations.Instance, TimeSpan.FromSeconds(5), cancellationToken);
        system.Stop(observer);
        if (observations.SessionFailure is { } failure)
        {
            missing.Add("the session failed: " + failure);
        }

        var record = new ChaosRecord
        {
            Turns = turns,
            MissingTurns = missing,
            StartedTurns = observations.StartedTurns,
            Completions = observations.Completions,
            TranscriptLog = log,
            TranscriptLogCapacity = settings.Realtime.TranscriptLogSize,
            GaugesBefore = before,
            GaugesAfterTurns = afterTurns,
            GaugesAfter = after,
            ChildrenBeforeStop = observations.Found(BeforeStop),
            ActorsAfterStop = remaining,
            Baseline = baseline,
            Final = final,
        };
        return (record, observations);
    }

    /// <summary>
    /// The session's actors still found after it stopped. The telemetry actor stops on the session's Terminated, a
    /// moment later: the probe is repeated until nothing answers or <paramref name="timeout"/> has passed.
    /// </summary>
    private static async Task<IReadOnlyList<string>> ProbeAfterStopAsync(ActorSystem system, IActorRef observer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> found;
        var attempt = 0;
        do
        {
            var probe = $"{AfterStop}-{++attempt}";
            foreach (var path in new[] { $"/user/{SessionName}", $"/user/{SessionName}/*", $"/user/{SessionName}-telemetry" })
            {
                system.ActorSelection(path).Tell(new Identify(probe), observer);
            }

            await Task.Delay(ProbeWait, cancellationToken);
            var seen = await observer.Ask<ChaosObserver.Observations>(ChaosObserver.GetObservations.Instance, TimeSpan.FromSeconds(5), cancellationToken);
            found = seen.Found(probe);
        }
        while (found.Count > 0 && clock.Elapsed < timeout);

        return found;
    }

    private static async Task<T?> AskAsync<T>(Func<Task<T>> ask, string what, List<string>? missing)
        where T : class
    {
        try
        {
            return await ask();
        }
        catch (AskTimeoutException)
        {
            missing?.Add($"{what}: no answer in time");
            return null;
        }
    }

    private static ObservedTurn Observed(string kind, TurnResult result)
    {
        long? fileMs = result.AudioFile is { } file && File.Exists(file) ? (long)WireAudio.Milliseconds(WavFile.LoadMono16(file, WireAudio.SampleRate).Length) : null;
        return new ObservedTurn(kind, result, fileMs);
    }

    private static async Task<LiveResourceSnapshot> SettleAsync(Func<LiveResourceSnapshot, bool> settled, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var now = LiveResources.Snapshot();
        while (!settled(now) && clock.Elapsed < timeout)
        {
            await Task.Delay(50, cancellationToken);
            now = LiveResources.Snapshot();
        }

        return now;
    }

    private static ChaosReport Report(FaultPlan plan, ChaosRecord record, ChaosObserver.Observations observations, FaultInjection faults)
    {
        var invariants = new InvariantChecker().Check(record);
        var rows = record.Turns
            .Select(t => new ChaosTurnRow(
                t.Result.TurnNumber,
                t.Result.Label,
                t.Kind,
                InvariantChecker.IsFailure(t.Result) ? "failed" : t.Result.Outcome.ToString().ToLowerInvariant(),
                t.Result.FallbackReason,
                t.Result.FalseInterruptions,
                t.Result.Transcript,
                t.Result.HeardAnswer,
                t.Result.AudioPlayedMs,
                t.Result.Error))
            .ToList();
        var counts = faults.Log.Counts
            .OrderBy(c => c.Key.Edge, StringComparer.Ordinal).ThenBy(c => c.Key.Kind, StringComparer.Ordinal)
            .ToDictionary(c => $"{c.Key.Edge}/{c.Key.Kind}", c => c.Value, StringComparer.Ordinal);
        return new ChaosReport(
            plan.Name,
            plan.Seed,
            invariants,
            rows,
            counts,
            observations.Reconnects.Select(r => r.Took.TotalMilliseconds).ToList(),
            InvariantChecker.ResumedFalseInterruptions(record));
    }
}
