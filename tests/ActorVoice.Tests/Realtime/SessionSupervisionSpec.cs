using Akka.Actor;
using ActorVoice.Audio.Files;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Realtime;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;
using ActorVoice.Realtime.Protocol.Session;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Realtime;

/// <summary>Each supervised child of a session failing or stopping, and the outcome the session defines for it.</summary>
public class SessionSupervisionSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly EngineSettings Settings = EngineSettings.Reference with
    {
        Realtime = EngineSettings.Reference.Realtime with { Url = "ws://peer", ConnectTimeout = TimeSpan.FromSeconds(5), SessionTimeout = TimeSpan.FromSeconds(5) },
        // A long capture keeps the turn in progress while a child fails.
        Capture = EngineSettings.Reference.Capture with { Frame = TimeSpan.FromMilliseconds(20), Pace = Pace.Realtime, TrailingSilence = TimeSpan.FromSeconds(5) },
        Playback = EngineSettings.Reference.Playback with { OutputDir = string.Empty, Pace = Pace.Realtime },
        // The scripted peer sends no audio: the spoken fallback a failure asks for never comes, and the turn ends with
        // the failure's reason once the response timeout passes.
        Turn = EngineSettings.Reference.Turn with { ResponseTimeout = TimeSpan.FromSeconds(1) },
    };

    [Theory]
    [InlineData("playback", "playback failed")]
    [InlineData("speculator", "speculation failed")]
    [InlineData("capture", "capture failed")]
    public async Task A_crashed_child_should_end_the_turn_in_progress_with_a_reason_be_restarted_and_the_session_go_on(string child, string reason)
    {
        await using var peer = await ScriptedRealtimePeer.StartAsync();
        var session = await ReadySessionAsync(peer);
        var before = await ChildAsync(session, child);
        await StartTurnAsync(session);

        before.Tell(Kill.Instance);

        var result = await ExpectMsgAsync<TurnResult>(Patience);
        Assert.StartsWith(reason, result.Error, StringComparison.Ordinal);
        // Restarted in place (same path, same reference) and the session still serves.
        Assert.Equal(before, await ChildAsync(session, child));
        session.Tell(SessionActor.AwaitReady.Instance, TestActor);
        await ExpectMsgAsync<SessionActor.SessionReady>(Patience);
    }

    [Fact]
    public async Task A_crashed_turn_actor_should_end_its_turn_with_a_reason_and_a_fresh_instance_should_run_the_next_turn()
    {
        await using var peer = await ScriptedRealtimePeer.StartAsync();
        var session = await ReadySessionAsync(peer);
        var turn = await ChildAsync(session, "turn");
        await StartTurnAsync(session);

        turn.Tell(Kill.Instance);

        var result = await ExpectMsgAsync<TurnResult>(Patience);
        Assert.StartsWith("the turn failed", result.Error, StringComparison.Ordinal);
        // The session is back to ready: the next turn reaches the (restarted) turn actor.
        await StartTurnAsync(session);
        (await ChildAsync(session, "capture")).Tell(Kill.Instance);
        Assert.StartsWith("capture failed", (await ExpectMsgAsync<TurnResult>(Patience)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_capture_actor_should_be_replaced_and_end_the_turn_in_progress()
    {
        await using var peer = await ScriptedRealtimePeer.StartAsync();
        var session = await ReadySessionAsync(peer);
        await StartTurnAsync(session);

        (await ChildAsync(session, "capture")).Tell(PoisonPill.Instance);

        Assert.StartsWith("capture failed", (await ExpectMsgAsync<TurnResult>(Patience)).Error, StringComparison.Ordinal);
        await ChildAsync(session, "capture-1");
        session.Tell(SessionActor.AwaitReady.Instance, TestActor);
        await ExpectMsgAsync<SessionActor.SessionReady>(Patience);
    }

    [Theory]
    [InlineData("socket", "the realtime connection ended")]
    [InlineData("playback", "the playback actor stopped")]
    [InlineData("speculator", "the speculator stopped")]
    [InlineData("turn", "the turn actor stopped")]
    public async Task A_stopped_child_that_others_hold_should_fail_the_session_with_a_reason(string child, string reason)
    {
        await using var peer = await ScriptedRealtimePeer.StartAsync();
        var session = await ReadySessionAsync(peer);

        (await ChildAsync(session, child)).Tell(PoisonPill.Instance);

        await AwaitAssertAsync(async () =>
        {
            session.Tell(SessionActor.AwaitReady.Instance, TestActor);
            Assert.Equal(reason, (await ExpectMsgAsync<SessionActor.SessionFailed>(TimeSpan.FromMilliseconds(500))).Reason);
        }, Patience);
    }

    private async Task<IActorRef> ReadySessionAsync(ScriptedRealtimePeer peer)
    {
        var session = Sys.ActorOf(SessionActor.Props(Settings, new RealtimeEndpoint(peer.Uri), Knowledge, observer: null, localRecognizers: null));
        session.Tell(SessionActor.AwaitReady.Instance, TestActor);
        await ExpectMsgAsync<SessionActor.SessionReady>(Patience);
        return session;
    }

    private async Task StartTurnAsync(IActorRef session)
    {
        var wav = Path.Combine(RepoPaths.TempFolder("supervision"), "silence.wav");
        WavFile.WriteMono16(wav, new short[WireAudio.SampleRate], WireAudio.SampleRate);
        session.Tell(new SessionActor.RunTurn(wav, "q"), TestActor);
        // Answered in the in-turn state: the turn has begun by now.
        session.Tell(SessionActor.AwaitReady.Instance, TestActor);
        await ExpectMsgAsync<SessionActor.SessionReady>(Patience);
    }

    private Task<IActorRef> ChildAsync(IActorRef session, string name) =>
        Sys.ActorSelection(session.Path / name).ResolveOne(Patience);

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
