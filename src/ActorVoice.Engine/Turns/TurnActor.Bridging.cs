using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Playback;
using ActorVoice.Engine.Realtime;
using ActorVoice.Engine.Turns.Injection;
using ActorVoice.Realtime.Protocol.Events;

namespace ActorVoice.Engine.Turns;

/// <summary>
/// Bridging: when no answer is ready <see cref="AnswerSettings.BridgeAfter"/> the end of speech, a short
/// acknowledgement (<see cref="AnswerSettings.BridgeText"/>) is injected and spoken; the answer's audio is accepted for
/// playback once the bridge's has played, so the two follow each other seamlessly. The bridge stays in the conversation
/// (the user heard it). First audio (anything) and the answer's audio are timed separately.
/// </summary>
public sealed partial class TurnActor
{
    private const string BridgeTimer = "bridge";

    private bool BridgeOn => Speculating && _settings.Answer.Bridge && _settings.Answer.Injection != AnswerInjection.Tool;

    /// <summary>Starts the bridge timer at the turn's first end of speech (<paramref name="endOfSpeech"/>: the last voiced audio).</summary>
    private void ScheduleBridge(TurnState turn, DateTimeOffset endOfSpeech)
    {
        if (!BridgeOn || turn.BridgeScheduled)
        {
            return;
        }

        turn.BridgeScheduled = true;
        var wait = _settings.Answer.BridgeAfter - (Now - endOfSpeech);
        Timers.StartSingleTimer(BridgeTimer, new BridgeDue(turn.Number), wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
    }

    private void BridgeHandlers()
    {
        Receive<BridgeDue>(b => b.TurnNumber == _turn?.Number, _ => MaybeBridge(_turn!));
        Receive<PlaybackActor.PlaybackStarted>(p => _turn?.Bridge is { } b && b.AssistantItemId == p.ItemId, started =>
            _turn!.Timeline.Mark(TimelineMarks.PlaybackStart, started.At, "bridge"));
        Receive<PlaybackActor.PlaybackFinished>(f => _turn?.Bridge is { } b && b.AssistantItemId == f.ItemId, _ =>
        {
            var turn = _turn!;
            turn.Bridge!.PlaybackFinished = true;
            turn.Timeline.Mark(TimelineMarks.PlaybackEnd, Now, "bridge");
            AcceptAnswerIfWaiting(turn);
        });
    }

    private void MaybeBridge(TurnState turn)
    {
        var waiting = _state is "user speaking" or "awaiting transcript" or "retrieving";
        if (!waiting || turn.AnswerRequested || turn.Preemptive is { Discarded: false } || turn.Bridge is not null || turn.LocalSpeaking || _side.Count > 0)
        {
            _log.Debug("Turn {TurnNumber}: no bridge needed ({State})", turn.Number, _state);
            return;
        }

        var text = _settings.Answer.BridgeText;
        var ids = new List<string>();
        var create = WithClientId(SpokenAnswer.SystemMessage(text), ids);
        var side = new SideResponse(SideResponseKind.Bridge, turn.Number, ids, text);
        turn.Bridge = side;
        _side.Add(side);
        turn.Timeline.Mark(TimelineMarks.BridgeStart, Now, text);
        _log.Info("Turn {TurnNumber}: no answer yet; bridging with \"{BridgeText}\"", turn.Number, text);
        _socket.Tell(new RealtimeSocketActor.Send(create));
        _socket.Tell(new RealtimeSocketActor.Send(SpokenAnswer.Response(turn, $"Say only this short acknowledgement, word for word: \"{text}\"")));
        _creates.Enqueue(side);
    }

    /// <summary>A side response's first audio: a bridge plays at once; a preemptive response is held (the playback device keeps its audio).</summary>
    private void OnSideAudio(ResponseOutputAudioDelta delta)
    {
        var side = SideOf(delta.ResponseId)!;
        if (side.Discarded || side.AudioSeen)
        {
            return;
        }

        side.AudioSeen = true;
        side.AssistantItemId ??= delta.ItemId;
        if (side.Kind == SideResponseKind.Bridge && ReferenceEquals(_turn?.Bridge, side))
        {
            var turn = _turn!;
            turn.Timeline.FirstAudio(Now);
            _playback.Tell(new PlaybackActor.Play(delta.ResponseId, side.AssistantItemId, $"{turn.Label}-bridge", Realtime: turn.Interrupt is not null));
        }
    }

    private void OnBridgeDone(SideResponse bridge)
    {
        if (bridge.AudioSeen)
        {
            _playback.Tell(new PlaybackActor.EndOfResponse(bridge.AssistantItemId!));
        }
        else if (_turn is { } turn && ReferenceEquals(turn.Bridge, bridge))
        {
            AcceptAnswerIfWaiting(turn);
        }
    }

    private void AcceptAnswerIfWaiting(TurnState turn)
    {
        if (_state == "answering" && turn is { AnswerAccepted: false, AssistantItemId: not null })
        {
            AcceptAnswer(turn);
        }
    }

    /// <summary>
    /// The answer's audio may play: it is accepted for playback now (its first audio as the user hears it), or, while a
    /// bridge still plays, once the bridge has finished.
    /// </summary>
    private void AcceptAnswer(TurnState turn)
    {
        if (turn.AnswerAccepted || turn.Bridge is { Finished: false })
        {
            return;
        }

        turn.AnswerAccepted = true;
        turn.Timeline.AnswerAudio(Now);
        _log.Info(
            "Turn {TurnNumber}: first answer audio at {AnswerAudioMs} ms after end of speech",
            turn.Number,
            turn.Timeline.Timeline.AnswerAudioMs is { } ms ? WholeMs(ms) : (double?)null);

        // The audio itself flows to playback through the assistant-audio stream; the turn only accepts the response once.
        _playback.Tell(new PlaybackActor.Play(turn.ResponseId!, turn.AssistantItemId!, $"{turn.Label}-answer", Realtime: turn.Interrupt is not null));
        if (turn.AnswerEndPending)
        {
            _playback.Tell(new PlaybackActor.EndOfResponse(turn.AssistantItemId!));
        }
    }

    private sealed record BridgeDue(int TurnNumber);
}
