using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Playback;
using ActorVoice.Engine.Realtime;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns.Injection;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.Engine.Turns;

/// <summary>
/// Never silence: when the answer cannot be given (the knowledge source failed or passed its deadline, capture,
/// playback or speculation failed, a time limit passed, the response failed twice) the turn speaks
/// <see cref="TurnSettings.FallbackText"/> instead and ends with <see cref="TurnOutcome.Fallback"/> and its reason. A
/// response that ends incomplete or failed without ActorVoice cancelling it is asked for once more first; a response
/// whose end events were lost ends once its audio has played and nothing more came for
/// <see cref="TurnSettings.ResponseIdleTimeout"/>.
/// </summary>
public sealed partial class TurnActor
{
    // Abandoned answers whose played length playback has yet to report, and the turn each belongs to.
    private readonly Dictionary<string, TurnState> _abandonedItems = new(StringComparer.Ordinal);

    /// <summary>How long a turn that stopped its playing notice waits for playback's count of it before it ends anyway.</summary>
    private static readonly TimeSpan AbandonedPlaybackWait = TimeSpan.FromSeconds(2);

    /// <summary>Replaces whatever the turn was doing with the spoken fallback; a failing fallback ends the turn.</summary>
    private void SpeakFallbackFor(TurnState turn, string reason)
    {
        if (turn.Completed)
        {
            return;
        }

        Timers.Cancel(TimeoutTimer);
        Timers.Cancel(BargeInGuardTimer);
        Timers.Cancel(FalseInterruptionTimer);
        Timers.Cancel(IdleTimer);
        Timers.Cancel(InterruptTimer);
        _bargeIn.Reset();
        turn.PausedAt = null;
        if (turn.FallbackReason is not null)
        {
            // The notice itself could not be given: end the turn rather than loop.
            _log.Warning("Turn {TurnNumber}: the fallback could not be spoken either ({Reason})", turn.Number, reason);
            turn.Outcome = TurnOutcome.Fallback;
            AbandonAnswer(turn);
            if (!turn.AwaitingAbandonedPlayback && _abandonedItems.ContainsValue(turn))
            {
                // The notice was playing: end once playback says how much of it was heard (its truncate is the turn's).
                turn.AwaitingAbandonedPlayback = true;
                Timers.StartSingleTimer(TurnTimer, new TimedOut(turn.Number, "playback did not report the stopped notice"), AbandonedPlaybackWait);
                return;
            }

            Complete(turn);
            return;
        }

        _log.Warning("Turn {TurnNumber}: speaking the fallback ({Reason})", turn.Number, reason);
        turn.FallbackReason = reason;
        turn.Outcome = TurnOutcome.Fallback;
        turn.Timeline.Mark(TimelineMarks.Fallback, Now, reason);
        _speculator.Tell(new SpeculatorActor.CancelTurn(turn.Number));
        DiscardPreemptive(turn, "a fallback replaces the answer");
        AbandonAnswer(turn);
        Apply(SpokenAnswer.Speak(turn, _settings.Turn.FallbackText));
    }

    /// <summary>
    /// A part failed (capture, playback, speculation). Before the answer plays, the fallback replaces it; an answer
    /// already playing goes on when capture or speculation failed (the user hears it), not when playback did.
    /// </summary>
    private void OnPartFailed(TurnState turn, string reason)
    {
        var playbackFailed = reason.StartsWith("playback failed", StringComparison.Ordinal);
        if (turn.FallbackReason is not null || (turn.AnswerAccepted && !playbackFailed))
        {
            _log.Warning("Turn {TurnNumber}: {Reason}; the turn goes on", turn.Number, reason);
            return;
        }

        SpeakFallbackFor(turn, reason);
    }

    /// <summary>Stops the turn's current response: cancelled, its audio stopped or dropped, its item truncated to what was played.</summary>
    private void AbandonAnswer(TurnState turn)
    {
        if (turn.ResponseId is { } responseId)
        {
            if (turn.ResponseStatus is null)
            {
                _socket.Tell(new RealtimeSocketActor.Send(new ResponseCancel { ResponseId = responseId }));
            }

            _cancelledResponses.Add(responseId);
        }

        if (turn.AssistantItemId is { } itemId)
        {
            if (turn.AnswerAccepted)
            {
                // Truncated to what was played once playback says how much that was.
                _abandonedItems[itemId] = turn;
                _playback.Tell(PlaybackActor.Stop.Instance);
            }
            else
            {
                if (turn.ResponseId is not null)
                {
                    _playback.Tell(new PlaybackActor.Discard(turn.ResponseId));
                }

                _socket.Tell(new RealtimeSocketActor.Send(new ConversationItemDelete(itemId)));
            }
        }

        ResetResponse(turn);
    }

    private static void ResetResponse(TurnState turn)
    {
        turn.ResponseId = null;
        turn.AssistantItemId = null;
        turn.AnswerAccepted = false;
        turn.AnswerEndPending = false;
        turn.ResponseStatus = null;
        turn.ResponseFailure = null;
        turn.Spoken.Clear();
    }

    /// <summary>Only what the user heard stays in the conversation.</summary>
    private void TruncateToPlayed(TurnState turn, string itemId, long playedMs, long receivedMs)
    {
        var truncated = Math.Min(playedMs, receivedMs);
        turn.Truncations.Add(new ItemTruncation(itemId, truncated, playedMs, receivedMs));
        _socket.Tell(new RealtimeSocketActor.Send(truncated > 0
            ? new ConversationItemTruncate(itemId, 0, (int)truncated)
            : new ConversationItemDelete(itemId)));
    }

    /// <summary>In every state: playback of an abandoned answer has stopped; its item keeps only what was played.</summary>
    private void AbandonedPlayback() =>
        Receive<PlaybackActor.PlaybackFinished>(f => _abandonedItems.ContainsKey(f.ItemId), finished =>
        {
            _abandonedItems.Remove(finished.ItemId, out var owner);
            TruncateToPlayed(owner!, finished.ItemId, finished.PlayedMs, finished.ReceivedMs);
            if (owner!.AwaitingAbandonedPlayback)
            {
                owner.AudioPlayedMs += finished.PlayedMs;
                Complete(owner);
            }
        });

    /// <summary>The answer's response ended incomplete or failed (not cancelled by ActorVoice): ask once more, then fall back.</summary>
    private void RetryOrFallback(TurnState turn)
    {
        var reason = turn.ResponseFailure ?? $"the response ended {turn.ResponseStatus}";
        if (turn.ResponseRetried || turn.FallbackReason is not null || turn.LastResponseCreate is null)
        {
            SpeakFallbackFor(turn, reason);
            return;
        }

        _log.Warning("Turn {TurnNumber}: {Reason}; asking again", turn.Number, reason);
        turn.ResponseRetried = true;
        turn.Timeline.Mark(TimelineMarks.ResponseRetry, Now, reason);
        if (turn.ResponseId is not null)
        {
            _cancelledResponses.Add(turn.ResponseId);
        }

        var create = turn.LastResponseCreate;
        var inject = _settings.Answer.Injection == AnswerInjection.Tool ? null : turn.LastInjected;
        ResetResponse(turn);
        if (inject is not null)
        {
            SendForTurn(turn, inject);
        }

        SendForTurn(turn, create);
        Timers.StartSingleTimer(TimeoutTimer, new TimedOut(turn.Number, "no assistant audio arrived"), _settings.Turn.ResponseTimeout);
    }

    /// <summary>(Re)starts the wait for the next event of the answer's response.</summary>
    private void ArmIdle(TurnState turn, string responseId) =>
        Timers.StartSingleTimer(IdleTimer, new ResponseIdle(turn.Number, responseId), _settings.Turn.ResponseIdleTimeout);

    /// <summary>
    /// Nothing of the answer's response came for the idle time: its end events were lost. What the device holds is all
    /// of it; the turn ends once that has played.
    /// </summary>
    private void OnResponseIdle(ResponseIdle idle)
    {
        var turn = _turn!;
        if (idle.ResponseId != turn.ResponseId || turn.AssistantItemId is null || !turn.AnswerAccepted)
        {
            return;
        }

        if (turn.ResponseStatus is null)
        {
            _log.Warning("Turn {TurnNumber}: no event of response {ResponseId} for {IdleMs} ms: its end was lost; ending it with the audio received",
                turn.Number, idle.ResponseId, _settings.Turn.ResponseIdleTimeout.TotalMilliseconds);
            turn.ResponseStatus = RealtimeResponse.Completed;
        }

        _playback.Tell(new PlaybackActor.Seal(turn.AssistantItemId));
    }

    /// <summary>The output device failed under the answer: keep what was heard, then speak the fallback on a fresh device.</summary>
    private void OnPlaybackDeviceError(TurnState turn, PlaybackActor.PlaybackFinished finished)
    {
        turn.AudioPlayedMs = finished.PlayedMs;
        turn.AudioReceivedMs = finished.ReceivedMs;
        if (turn.ResponseId is not null)
        {
            if (turn.ResponseStatus is null)
            {
                _socket.Tell(new RealtimeSocketActor.Send(new ResponseCancel { ResponseId = turn.ResponseId }));
            }

            _cancelledResponses.Add(turn.ResponseId);
        }

        TruncateToPlayed(turn, finished.ItemId, finished.PlayedMs, finished.ReceivedMs);
        ResetResponse(turn);
        SpeakFallbackFor(turn, "playback failed: " + finished.DeviceError);
    }
}
