using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Realtime;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Tests.Realtime;

/// <summary>The engine's socket actor against a real WebSocket peer on loopback.</summary>
public class RealtimeSocketActorSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly RealtimeSettings Settings = EngineSettings.Reference.Realtime with { ConnectTimeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Socket_should_deliver_decoded_events_report_bad_frames_and_send_typed_events_as_json()
    {
        await using var peer = await ScriptedRealtimePeer.StartAsync();
        var subscriber = CreateTestProbe();
        var socket = Sys.ActorOf(RealtimeSocketActor.Props(Settings, peer.Uri, apiKey: null, subscriber));

        // Connected comes through the actor, the events straight from the receive loop: either may come first.
        var first = await subscriber.ReceiveNAsync(3, default).ToListAsync();
        Assert.Single(first.OfType<RealtimeSocketActor.Connected>());
        Assert.IsType<SessionCreated>(Assert.Single(first.OfType<RealtimeSocketActor.ServerEventReceived>()).Event);
        Assert.Equal("invalid_json", Assert.Single(first.OfType<RealtimeSocketActor.BadFrame>()).Code);
        Assert.True(
            first.IndexOf(first.OfType<RealtimeSocketActor.ServerEventReceived>().Single()) < first.IndexOf(first.OfType<RealtimeSocketActor.BadFrame>().Single()),
            "events keep their order");

        socket.Tell(new RealtimeSocketActor.Send(new SessionUpdate(new SessionConfig { Instructions = "be brief" })), TestActor);
        var sent = await peer.Received.ReadAsync();
        Assert.Contains("\"type\":\"session.update\"", sent, StringComparison.Ordinal);
        Assert.Contains("\"instructions\":\"be brief\"", sent, StringComparison.Ordinal);
        Assert.IsType<SessionUpdated>((await subscriber.ExpectMsgAsync<RealtimeSocketActor.ServerEventReceived>()).Event);
    }

    [Fact]
    public async Task An_unreachable_endpoint_should_be_reported_as_a_lost_connection_with_the_reason()
    {
        var subscriber = CreateTestProbe();
        var socket = Sys.ActorOf(RealtimeSocketActor.Props(Settings, new Uri("ws://127.0.0.1:1/v1/realtime"), apiKey: new RealtimeKey("sk-secret-never-shown", RealtimeKeyHeader.Bearer, "test setting"), subscriber));
        Watch(socket);
        var lost = await subscriber.ExpectMsgAsync<RealtimeSocketActor.ConnectionLost>(TimeSpan.FromSeconds(10));
        Assert.Contains("Cannot connect to the realtime endpoint ws://127.0.0.1:1/v1/realtime", lost.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", lost.Reason, StringComparison.Ordinal);
        await ExpectTerminatedAsync(socket);
    }

    [Fact]
    public async Task A_connection_closed_by_the_peer_without_reconnect_attempts_should_be_reported_and_the_actor_should_stop()
    {
        await using var peer = await ScriptedRealtimePeer.StartAsync();
        var subscriber = CreateTestProbe();
        var noRetry = Settings with { Reconnect = Settings.Reconnect with { MaxAttempts = 0 } };
        var socket = Sys.ActorOf(RealtimeSocketActor.Props(noRetry, peer.Uri, apiKey: null, subscriber));
        Watch(socket);
        await subscriber.ExpectMsgAsync<RealtimeSocketActor.Connected>();
        peer.CloseConnection();
        var lost = await subscriber.FishForMessageAsync(m => m is RealtimeSocketActor.ConnectionLost);
        Assert.Contains("scripted failure", ((RealtimeSocketActor.ConnectionLost)lost).Reason, StringComparison.Ordinal);
        await ExpectTerminatedAsync(socket);
    }
}
