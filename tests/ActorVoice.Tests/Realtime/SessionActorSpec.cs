using System.Text.Json;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Realtime;

namespace ActorVoice.Tests.Realtime;

/// <summary>Session setup and failure against a scripted realtime peer.</summary>
public class SessionActorSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly EngineSettings Settings = EngineSettings.Reference with
    {
        Realtime = EngineSettings.Reference.Realtime with { Url = "ws://peer", ConnectTimeout = TimeSpan.FromSeconds(5), SessionTimeout = TimeSpan.FromSeconds(5) },
    };

    [Fact]
    public async Task Session_should_configure_server_vad_without_automatic_responses_and_report_ready()
    {
        await using var peer = await ScriptedRealtimePeer.StartAsync();
        var session = Sys.ActorOf(SessionActor.Props(Settings, new RealtimeEndpoint(peer.Uri), Knowledge));
        session.Tell(SessionActor.AwaitReady.Instance, TestActor);
        await ExpectMsgAsync<SessionActor.SessionReady>(TimeSpan.FromSeconds(10));

        using var update = JsonDocument.Parse(await peer.Received.ReadAsync());
        var session0 = update.RootElement.GetProperty("session");
        Assert.Equal("realtime", session0.GetProperty("type").GetString());
        var input = session0.GetProperty("audio").GetProperty("input");
        Assert.Equal(24000, input.GetProperty("format").GetProperty("rate").GetInt32());
        Assert.True(input.TryGetProperty("transcription", out _));
        var vad = input.GetProperty("turn_detection");
        Assert.Equal("server_vad", vad.GetProperty("type").GetString());
        Assert.False(vad.GetProperty("create_response").GetBoolean());
        Assert.False(vad.GetProperty("interrupt_response").GetBoolean());
    }

    [Fact]
    public async Task A_rejected_configuration_should_fail_the_session_with_the_servers_reason_and_answer_turns_with_it()
    {
        await using var peer = await ScriptedRealtimePeer.StartAsync(rejectSessionUpdate: true);
        var session = Sys.ActorOf(SessionActor.Props(Settings, new RealtimeEndpoint(peer.Uri), Knowledge));
        session.Tell(SessionActor.AwaitReady.Instance, TestActor);
        var failed = await ExpectMsgAsync<SessionActor.SessionFailed>(TimeSpan.FromSeconds(10));
        Assert.Contains("invalid_value: Unsupported voice.", failed.Reason, StringComparison.Ordinal);

        session.Tell(new SessionActor.RunTurn("/tmp/q.wav", "q"), TestActor);
        Assert.Contains("Unsupported voice", (await ExpectMsgAsync<TurnResult>()).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_should_fail_the_session_clearly()
    {
        var session = Sys.ActorOf(SessionActor.Props(Settings, new RealtimeEndpoint(new Uri("ws://127.0.0.1:1/v1/realtime")), Knowledge));
        session.Tell(SessionActor.AwaitReady.Instance, TestActor);
        var failed = await ExpectMsgAsync<SessionActor.SessionFailed>(TimeSpan.FromSeconds(10));
        Assert.Contains("Cannot connect", failed.Reason, StringComparison.Ordinal);
    }

    private static readonly IKnowledgeSource Knowledge = new EmptyKnowledge();

    private sealed class EmptyKnowledge : IKnowledgeSource
    {
        public string Name => "empty";

        public Task<KnowledgeResult> QueryAsync(string question, bool partial, CancellationToken cancellationToken) =>
            Task.FromResult(new KnowledgeResult(question, [], null, TimeSpan.Zero));

        public void Dispose()
        {
        }
    }
}
