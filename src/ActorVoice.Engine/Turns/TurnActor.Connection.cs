using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Capture;
using ActorVoice.Engine.Playback;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns.Injection;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.Engine.Turns;

/// <summary>
/// The turn in progress when the realtime connection drops (<see cref="ConnectionDropped"/>) ends with exactly one
/// outcome, never silence. If its answer had fully arrived, playback finishes it and it is answered. If the user's final
/// transcript and the answer were in but the answer was not fully received, the answer is spoken again on the new
/// connection; if the transcript was in and the knowledge is still on its way, it goes on retrieving there. Otherwise
/// a spoken notice (<c>realtime.connection-lost-text</c>) ends it as a <see cref="TurnOutcome.Fallback"/>. Whatever
/// the old connection's responses still had buffered is discarded (never played), and the user's words are put into
/// the new conversation (the transcript log holds finished turns only) before the turn goes on
/// (<see cref="ConnectionRestored"/>).
/// </summary>
public sealed partial class TurnActor
{
    private const string ConnectionLostMark = "connection.lost";
    private Recovery? _recovery;
    private string _dropReason = string.Empty;
    private int _linkLostTurn;

    /// <summary>In every state (registered first by the shared handlers).</summary>
    private void ConnectionHandlers()
    {
        Receive<ConnectionDropped>(OnConnectionDropped);
        Receive<ConnectionRestored>(_ => { });
        // The capture of a turn that lost its connection fails writing to it: the connection plan decides that turn.
        Receive<CaptureActor.CaptureFailed>(_ => _turn is not null && _linkLostTurn == _turn.Number, failed =>
            _log.Debug("Turn {TurnNumber}: capture ended with the lost connection ({Reason})", _turn!.Number, failed.Reason));
    }

    /// <summary>Waiting for the new connection to be configured and re-seeded.</summary>
    private void AwaitingConnection()
    {
        Receive<ConnectionRestored>(_ => OnConnectionRestored());
        Receive<ConnectionDropped>(_ => { }); // still down: the plan stands
        // The knowledge may arrive meanwhile: it waits for the new connection.
        Receive<SpeculatorActor.Ready>(r => r.TurnId == _turn?.Number, _ => Stash.Stash());
        Receive<SpeculatorActor.Failed>(f => f.TurnId == _turn?.Number, _ => Stash.Stash());
        // The lost connection's last events, and what no longer applies.
        Receive<RealtimeEvent>(_ => { });
        Receive<BridgeDue>(_ => { });
        Receive<CaptureActor.CaptureFailed>(_ => { });
        CommonHandlers();
    }

    private void OnConnectionDropped(ConnectionDropped dropped)
    {
        var turn = _turn;
        if (turn is null || turn.Completed)
        {
            // Between turns nothing waits on the lost connection.
            _side.Clear();
            _creates.Clear();
            _deferred.Clear();
            return;
        }

        _linkLostTurn = turn.Number;
        if (_state == "answering" && turn.ResponseStatus is not null && turn.AssistantItemId is not null && turn.BargeIn is null)
        {
            _log.Info("Turn {TurnNumber}: the connection dropped after the whole answer arrived; it plays to its end", turn.Number);
            _side.Clear();
            _creates.Clear();
            return;
        }

        Timers.Cancel(TimeoutTimer);
        Timers.Cancel(BridgeTimer);
        DiscardConnectionState(turn);
        _dropReason = dropped.Reason;
        _recovery = turn.Transcript.Length > 0 && turn.Answer.Length > 0 && turn.BargeIn is null ? Recovery.Respeak
            : turn.Transcript.Length > 0 && _state == "retrieving" ? Recovery.Retrieve
            : Recovery.Notice;
        turn.Timeline.Mark(ConnectionLostMark, Now, dropped.Reason);
        _log.Warning("Turn {TurnNumber}: the connection dropped in {State} ({Reason}); on the new connection: {Recovery}", turn.Number, _state, dropped.Reason, _recovery);
        Transition("awaiting connection", AwaitingConnection);
    }

    /// <summary>Forgets the responses of the lost connection: their buffered audio is discarded unplayed.</summary>
    private void DiscardConnectionState(TurnState turn)
    {
        foreach (var side in _side.Append(turn.Preemptive).Append(turn.Bridge).OfType<SideResponse>())
        {
            if (side.ResponseId is { } sideResponse && !side.Finished && _cancelledResponses.Add(sideResponse))
            {
                _playback.Tell(new PlaybackActor.Discard(sideResponse));
            }

            if (!side.Confirmed)
            {
                side.Discarded = true;
            }
        }

        _side.Clear();
        _creates.Clear();
        _deferred.RemoveAll(d => d.TurnNumber == turn.Number);
        if (turn.ResponseId is { } response && _cancelledResponses.Add(response))
        {
            _playback.Tell(new PlaybackActor.Discard(response));
        }

        ResetResponse(turn);
        // The new connection asks for the answer afresh (tool mode: the tool call too).
        turn.AnswerRequested = false;
        turn.ToolCallId = null;
        turn.ToolResponseId = null;
        turn.ToolResponseDone = false;
    }

    private void OnConnectionRestored()
    {
        var turn = _turn!;
        var recovery = _recovery ?? Recovery.Notice;
        _recovery = null;
        _log.Info("Turn {TurnNumber}: the connection is back; {Recovery}", turn.Number, recovery);
        switch (recovery)
        {
            case Recovery.Respeak:
                SendNow(turn.Number, UserMessage(turn.Transcript));
                Apply(SpokenAnswer.Speak(turn, turn.Answer));
                break;
            case Recovery.Retrieve:
                SendNow(turn.Number, UserMessage(turn.Transcript));
                Timers.StartSingleTimer(TimeoutTimer, new TimedOut(turn.Number, "retrieval took too long"), _settings.Speculation.Deadline + TimeSpan.FromSeconds(1));
                Transition("retrieving", Retrieving);
                break;
            default:
                turn.Outcome = TurnOutcome.Fallback;
                turn.FallbackReason = $"connection lost: {_dropReason}";
                if (turn.Transcript.Length > 0)
                {
                    SendNow(turn.Number, UserMessage(turn.Transcript));
                }

                Apply(SpokenAnswer.Speak(turn, _settings.Realtime.ConnectionLostText));
                break;
        }

        Stash.UnstashAll();
    }

    private static ConversationItemCreate UserMessage(string text) => new(ConversationItem.TextMessage("user", text));

    /// <summary>From the session: the realtime connection was lost; a new one is being opened.</summary>
    public sealed record ConnectionDropped(string Reason);

    /// <summary>From the session: the new connection is configured and re-seeded; the turn may go on.</summary>
    public sealed record ConnectionRestored
    {
        public static ConnectionRestored Instance { get; } = new();
    }

    /// <summary>What the interrupted turn does on the new connection.</summary>
    private enum Recovery
    {
        /// <summary>Speak the answer again (it had not fully arrived).</summary>
        Respeak,

        /// <summary>The knowledge is on its way: wait for it as before.</summary>
        Retrieve,

        /// <summary>Nothing to recover: say so (a fallback).</summary>
        Notice,
    }
}
