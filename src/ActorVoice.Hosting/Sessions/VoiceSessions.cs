using System.Globalization;
using Akka.Actor;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Live;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Speculation.Judging;
using ActorVoice.Engine.Telemetry;
using ActorVoice.Faults;
using ActorVoice.Hosting.Lifetime;
using ActorVoice.Retrieval.Search;
using ActorVoice.Speech.Recognition;
using Microsoft.Extensions.DependencyInjection;

namespace ActorVoice.Hosting.Sessions;

/// <summary>
/// Starts voice sessions on the host's actor system, each a <see cref="SessionActor"/> connected to the resolved
/// realtime endpoint and answering from the host's knowledge source. Use it once the host has started.
/// </summary>
public sealed class VoiceSessions(ActorSystem system, EngineSettings settings, RealtimeEndpointResolver endpoints, IKnowledgeSource knowledge, IServiceProvider services)
{
    public EngineSettings Settings => settings;

    /// <summary>
    /// Creates a session actor named <paramref name="name"/> and returns it once it is configured and ready for turns.
    /// </summary>
    /// <param name="observer">Receives the session's turn notifications (partial and final transcripts, state changes).</param>
    /// <param name="name">The actor's name, unique among the host's sessions.</param>
    /// <param name="cancellationToken">Stops waiting (the session is then stopped).</param>
    /// <param name="traceFile">The session's JSONL trace; null: <c>telemetry.trace-dir</c>/NAME-TIME.jsonl when that is set, else none.</param>
    /// <exception cref="InvalidOperationException">The session could not start (the reason says why: connection, setup).</exception>
    /// <exception cref="AskTimeoutException">It did not become ready within the connect and session timeouts.</exception>
    public Task<IActorRef> StartAsync(IActorRef? observer, string name, CancellationToken cancellationToken, string? traceFile = null) =>
        StartCoreAsync(observer, name, null, traceFile, cancellationToken);

    /// <summary>
    /// Creates a live session named <paramref name="name"/>: once configured it captures <paramref name="audio"/>'s
    /// microphone for its whole life, its VAD starts the turns, and every accepted answer is heard on the speaker
    /// (stopped at once on barge-in). Returns once the session is configured; stop the actor to end it.
    /// </summary>
    /// <param name="observer">Receives the session's turn notifications (transcripts, state changes, completed turns).</param>
    /// <param name="name">The actor's name, unique among the host's sessions.</param>
    /// <param name="audio">The microphone (24 kHz mono PCM16, frames of any length, real time) and the speaker.</param>
    /// <param name="cancellationToken">Stops waiting (the session is then stopped).</param>
    /// <param name="history">The conversation so far of a session taken over from another node (docs/cluster.md); null for a new one.</param>
    /// <exception cref="InvalidOperationException">The session could not start (the reason says why).</exception>
    public Task<IActorRef> StartLiveAsync(IActorRef? observer, string name, LiveAudio audio, CancellationToken cancellationToken, SessionHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return StartCoreAsync(observer, name, audio, null, cancellationToken, history);
    }

    private async Task<IActorRef> StartCoreAsync(IActorRef? observer, string name, LiveAudio? live, string? traceFile, CancellationToken cancellationToken, SessionHistory? history = null)
    {
        var localRecognizers = settings.Turn.LocalRecognizer ? services.GetRequiredService<HostedResource<IRecognizerPool>>().Value : null;
        // The reuse judge asks the built-in index (when the host opened one), whatever the knowledge source is.
        var index = services.GetService<HostedResource<KnowledgeIndex>>()?.Value;
        var judge = ReuseJudges.Create(settings.Speculation.Judge, index);

        // Every session's notifications pass through its telemetry actor (spans, metrics, the JSONL trace) on to the observer.
        var telemetry = system.ActorOf(TurnTelemetryActor.Props(observer, VoiceTelemetry.Shared, name, traceFile ?? TraceFileFor(name)), name + "-telemetry");
        var session = system.ActorOf(SessionActor.Props(settings, endpoints.Resolve(), knowledge, telemetry, localRecognizers, judge, services.GetService<FaultInjection>(), live, history), name);
        telemetry.Tell(new TurnTelemetryActor.StopWith(session));
        var timeout = settings.Realtime.ConnectTimeout + settings.Realtime.SessionTimeout + TimeSpan.FromSeconds(5);
        object ready;
        try
        {
            ready = await session.Ask<object>(SessionActor.AwaitReady.Instance, timeout, cancellationToken);
        }
        catch
        {
            system.Stop(session);
            system.Stop(telemetry);
            throw;
        }

        if (ready is SessionActor.SessionFailed failed)
        {
            system.Stop(session);
            system.Stop(telemetry);
            throw new InvalidOperationException("The voice session could not start: " + failed.Reason);
        }

        return session;
    }

    private string? TraceFileFor(string name) =>
        settings.Telemetry.TracesEnabled
            ? Path.Combine(settings.Telemetry.TraceDir, $"{name}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.jsonl")
            : null;
}
