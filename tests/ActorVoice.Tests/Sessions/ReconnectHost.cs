using System.Threading.Channels;
using Akka.Actor;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;
using ActorVoice.Faults;
using ActorVoice.Hosting;
using ActorVoice.Hosting.Configuration;
using ActorVoice.Hosting.Knowledge;
using ActorVoice.Hosting.Sessions;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorVoice.Tests.Sessions;

/// <summary>
/// The real stack for reconnection tests: the sample documents, the embedded local realtime server (pocketsphinx,
/// flite) behind a <see cref="RecordingRelay"/>, a session with the given fault plan, and an observer that keeps every
/// notification of the session.
/// </summary>
public sealed class ReconnectHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ReconnectHost(IHost host, RecordingRelay relay, IActorRef session, Channel<object> observed, FaultInjection faults, EngineSettings settings, System.Collections.Concurrent.ConcurrentQueue<string> seen)
    {
        _seen = seen;
        _host = host;
        Relay = relay;
        Session = session;
        Observed = observed;
        Faults = faults;
        Settings = settings;
    }

    public RecordingRelay Relay { get; }

    public IActorRef Session { get; }

    public Channel<object> Observed { get; }

    public FaultInjection Faults { get; }

    public EngineSettings Settings { get; }

    public static async Task<ReconnectHost> StartAsync(string faultPlan, params string[] overrides)
    {
        var folder = RepoPaths.TempFolder("reconnect");
        var relay = await RecordingRelay.StartAsync();
        var config = ActorVoiceConfig.Load(null,
        [
            "actorvoice.engine.capture.pace = fast",
            "actorvoice.engine.playback.pace = fast",
            ActorVoiceConfig.Assign("actorvoice.engine.playback.output-dir", Path.Combine(folder, "audio")),
            ActorVoiceConfig.Assign("actorvoice.engine.realtime.url", relay.Uri.ToString()),
            "actorvoice.engine.realtime.reconnect.min-backoff = 20ms",
            "actorvoice.engine.realtime.reconnect.max-backoff = 500ms",
            .. overrides,
        ]);
        var faults = new FaultInjection(FaultPlan.Parse(faultPlan));
        var host = new HostBuilder()
            .AddActorVoice(config, voice =>
            {
                voice.Status = null;
                voice.WithKnowledge(new KnowledgeOptions(Path.Combine(folder, "index"), RepoPaths.SampleDocs))
                    .WithLocalRealtimeServer(s => s with { Port = 0 })
                    .WithVoiceEngine()
                    .WithFaults(faults);
            })
            .Build();
        try
        {
            await host.StartAsync();
            relay.Upstream = host.Services.GetRequiredService<LocalRealtimeServer>().RealtimeUri;
            var system = host.Services.GetRequiredService<ActorSystem>();
            var observed = Channel.CreateUnbounded<object>();
            var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var observer = system.ActorOf(Props.Create(() => new ObserverActor(observed.Writer, seen)), "observer");
            var sessions = host.Services.GetRequiredService<VoiceSessions>();
            var session = await sessions.StartAsync(observer, "session", CancellationToken.None);
            return new ReconnectHost(host, relay, session, observed, faults, sessions.Settings, seen);
        }
        catch
        {
            host.Dispose();
            await relay.DisposeAsync();
            throw;
        }
    }

    public Task<TurnResult> AskAsync(string question, string label) =>
        Session.Ask<TurnResult>(new SessionActor.RunTurn(RepoPaths.Question(question), label), Settings.Turn.TurnTimeout + TimeSpan.FromSeconds(10));

    /// <summary>The next notification of type <typeparamref name="T"/> (others are skipped).</summary>
    public async Task<T> NextAsync<T>(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            if (await Observed.Reader.ReadAsync(cancel.Token) is T found)
            {
                return found;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await Relay.DisposeAsync();
    }

    /// <summary>Every turn state the observer saw so far ("2:awaiting connection"), and the reconnections.</summary>
    public IReadOnlyList<string> States() => [.. _seen];

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _seen = new();

    private sealed class ObserverActor : ReceiveActor
    {
        public ObserverActor(ChannelWriter<object> observed, System.Collections.Concurrent.ConcurrentQueue<string> seen)
        {
            ReceiveAny(m =>
            {
                switch (m)
                {
                    case TurnStateChanged changed:
                        seen.Enqueue($"{changed.TurnNumber}:{changed.State}");
                        break;
                    case SessionReconnected r:
                        seen.Enqueue($"reconnected({r.Reason})");
                        break;
                    case TurnCompleted c:
                        seen.Enqueue($"{c.Result.TurnNumber}:{c.Result.Outcome}");
                        break;
                }

                observed.TryWrite(m);
            });
        }
    }
}
