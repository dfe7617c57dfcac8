using Akka.Actor;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Realtime;
using ActorVoice.Engine.Sessions;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Tests.Realtime;

namespace ActorVoice.Tests.Sessions;

/// <summary>A session whose connection is lost, whose socket crashes, or whose realtime session expires, against a scripted peer on loopback.</summary>
public class SessionReconnectSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly EngineSettings Settings = EngineSettings.Reference with
    {
        Realtime = EngineSettings.Reference.Realtime with
        {
            Url = "ws://peer",
            ConnectTimeout = TimeSpan.FromSeconds(5),
            SessionTimeout = TimeSpan.FromSeconds(5),
            Reconnect = EngineSettings.Reference.Realtime.Reconnect with { MinBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(100), MaxAttempts = 2 },
        },
    };

    [Fact]
    public void The_reference_configuration_should_reconnect_with_backoff_and_recycle_before_the_hour()
    {
        var realtime = EngineSettings.Reference.Realtime;
        Assert.Equal(TimeSpan.FromMilliseconds(200), realtime.Reconnect.MinBackoff);
        Assert.Equal(TimeSpan.FromSeconds(10), realtime.Reconnect.MaxBackoff);
        Assert.Equal(8, realtime.Reconnect.MaxAttempts);
        Assert.Equal(TimeSpan.FromMinutes(55), realtime.RecycleAfter);
        Assert.InRange(realtime.KeepAliveTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)); // finite: a dead peer is noticed
        Assert.Contains("lost the connection", realtime.ConnectionLostText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_conversation_should_be_reseeded_as_user_input_text_and_assistant_output_text_in_order()
    {
        var items = ConversationReseed.ItemsFor(
        [
            new TranscriptEntry(1, TranscriptEntry.User, "how many vacation days"),
            new TranscriptEntry(1, TranscriptEntry.Assistant, "twenty-two"),
        ]);
        Assert.Equal(["user", "assistant"], items.Select(i => i.Item.Role));
        Assert.Equal([ContentPart.InputText, ContentPart.OutputText], items.Select(i => i.Item.Content![0].Type));
        Assert.Equal(["how many vacation days", "twenty-two"], items.Select(i => i.Item.Content![0].Text));
    }

    [Fact]
    public async Task A_lost_connection_should_be_reconnected_configured_again_and_reported_to_the_observer()
    {
        await using var peer = await ScriptedRealtimePeer.StartAsync();
        var observer = CreateTestProbe();
        var session = await ReadySessionAsync(peer, observer);

        peer.CloseConnection();

        var reconnected = await observer.FishForMessageAsync<SessionReconnected>(_ => true, Patience);
        Assert.Equal(1, reconnected.Attempts);
        Assert.Contains("scripted failure", reconnected.Reason, StringComparison.Ordinal);
        Assert.True(reconnected.Took > TimeSpan.Zero && reconnected.Took < Patience);
        Assert.Equal(2, peer.Connections);
        session.Tell(SessionActor.AwaitReady.Instance, TestActor);
        await ExpectMsgAsync<SessionActor.SessionReady>(Patience);
    }

    [Fact]
    public async Task A_crashed_socket_should_be_restarted_and_reconnected_instead_of_failing_the_session()
    {
        await using var peer = await ScriptedRealtimePeer.StartAsync();
        var observer = CreateTestProbe();
        var session = await ReadySessionAsync(peer, observer);
        var socket = await Sys.ActorSelection(session.Path / "socket").ResolveOne(Patience);

        socket.Tell(Kill.Instance);

        var reconnected = await observer.FishForMessageAsync<SessionReconnected>(_ => true, Patience);
        Assert.StartsWith("the socket actor crashed", reconnected.Reason, StringComparison.Ordinal);
        Assert.Equal(socket, await Sys.ActorSelection(session.Path / "socket").ResolveOne(Patience));
        Assert.Equal(2, peer.Connections);
        session.Tell(SessionActor.AwaitReady.Instance, TestActor);
        await ExpectMsgAsync<SessionActor.SessionReady>(Patience);
    }

    [Fact]
    public async Task A_connection_that_cannot_be_reopened_should_fail_the_session_once_the_attempts_are_spent()
    {
        var peer = await ScriptedRealtimePeer.StartAsync();
        var observer = CreateTestProbe();
        var session = await ReadySessionAsync(peer, observer);

        await peer.DisposeAsync();

        var failed = await observer.FishForMessageAsync<SessionActor.SessionFailed>(_ => true, Patience);
        Assert.Contains("could not reconnect after 2 attempts", failed.Reason, StringComparison.Ordinal);
        session.Tell(SessionActor.AwaitReady.Instance, TestActor);
        await ExpectMsgAsync<SessionActor.SessionFailed>(Patience);
    }

    [Fact]
    public async Task A_session_expired_error_should_hand_the_session_over_to_a_new_connection_and_close_the_old_one()
    {
        await using var peer = await ScriptedRealtimePeer.StartAsync();
        var observer = CreateTestProbe();
        var session = await ReadySessionAsync(peer, observer);
        while (peer.Received.TryRead(out _))
        {
        }

        await peer.SendToAllAsync("""{"type":"error","event_id":"event_9","error":{"type":"invalid_request_error","code":"session_expired","message":"Your session hit the maximum duration of 60 minutes."}}""");

        var handoff = await observer.FishForMessageAsync<SessionReconnected>(_ => true, Patience);
        Assert.StartsWith("session expired", handoff.Reason, StringComparison.Ordinal);
        Assert.Equal(2, peer.Connections);
        // The successor was configured first, then the old connection was closed by the engine.
        var frames = new List<string>();
        while (!frames.Contains("(closed by the client)"))
        {
            frames.Add(await peer.Received.ReadAsync().AsTask().WaitAsync(Patience));
        }

        Assert.Contains(frames, f => f.Contains("\"session.update\"", StringComparison.Ordinal));
        session.Tell(SessionActor.AwaitReady.Instance, TestActor);
        await ExpectMsgAsync<SessionActor.SessionReady>(Patience);
    }

    private async Task<IActorRef> ReadySessionAsync(ScriptedRealtimePeer peer, Akka.TestKit.TestProbe observer)
    {
        var session = Sys.ActorOf(SessionActor.Props(Settings, new RealtimeEndpoint(peer.Uri), new EmptyKnowledge(), observer, localRecognizers: null));
        session.Tell(SessionActor.AwaitReady.Instance, TestActor);
        await ExpectMsgAsync<SessionActor.SessionReady>(Patience);
        return session;
    }

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
