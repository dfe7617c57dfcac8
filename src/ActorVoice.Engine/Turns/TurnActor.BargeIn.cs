using Akka.Actor;
using Akka.Event;
using ActorVoice.Audio.Vad;
using ActorVoice.Engine.Capture;
using ActorVoice.Engine.Playback;
using ActorVoice.Engine.Realtime;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns.BargeIn;
using ActorVoice.Realtime.Protocol.Events;

namespace ActorVoice.Engine.Turns;

/// <summary>
/// Barge-in while answering: user speech is put to the <see cref="BargeInPolicy"/>; when it decides to interrupt,
/// playback stops at once, the response is cancelled, the assistant's item is truncated to what was actually played,
/// speculative jobs are cancelled, late audio of the cancelled response is dropped, and the interrupting speech
/// becomes the next turn.
/// </summary>
public sealed partial class TurnActor
{
    private void BargeInHandlers()
    {
        // Detected by the local VAD on the capture stream, or by the server's VAD.
        Receive<CaptureActor.LocalSpeech>(s => s.Kind == VadTransitionKind.SpeechStarted, speech =>
            Carry(_bargeIn.OnLocalSpeech(speech.At, _captureClock.WallClockOf(speech.SessionAudioMs) ?? speech.At)));
        Receive<CaptureActor.LocalSpeech>(s => s.Kind == VadTransitionKind.SpeechStopped && _bargeIn.Paused is not null, _ =>
            _bargeIn.OnPausedSpeechStopped(null));
        Receive<SpeechStarted>(started =>
        {
            var onset = _captureClock.WallClockOf(started.AudioStartMs + (long)_settings.Turn.VadPrefixPadding.TotalMilliseconds) ?? Now;
            Carry(_bargeIn.OnServerSpeech(started.ItemId, Now, onset));
        });
        Receive<SpeechStopped>(_ => _bargeIn.Paused is not null, stopped => _bargeIn.OnPausedSpeechStopped(stopped.ItemId));
        Receive<SpeechStopped>(_ => _bargeIn.Candidate is not null, stopped =>
        {
            // The speech ended before it was long enough to interrupt: wait for its words (a backchannel or not).
            Timers.Cancel(BargeInGuardTimer);
            _bargeIn.OnSpeechStopped(stopped.ItemId);
        });
        Receive<InputAudioTranscriptionCompleted>(c => _bargeIn.Candidate is { Stopped: true } || _bargeIn.Paused is not null || (_bargeIn.ResumedItemId is not null && c.ItemId == _bargeIn.ResumedItemId), completed =>
            Carry(_bargeIn.OnTranscript(completed.ItemId, completed.Transcript, Now), completed.Transcript));
        // While paused: words interrupt as soon as they are heard; a failed transcription is no words.
        Receive<InputAudioTranscriptionDelta>(_ => _bargeIn.Paused is not null, delta =>
            Carry(_bargeIn.OnTranscriptDelta(delta.ItemId, delta.Delta, Now)));
        Receive<InputAudioTranscriptionFailed>(_ => _bargeIn.Paused is not null, failed =>
            Carry(_bargeIn.OnTranscript(failed.ItemId, string.Empty, Now)));
        Receive<FalseInterruptionDue>(f => _bargeIn.Paused is not null && f.TurnNumber == _turn?.Number, _ =>
            Carry(_bargeIn.OnPauseTimeout()));
        Receive<BargeInGuardPassed>(g => _bargeIn.Candidate is not null && g.TurnNumber == _turn?.Number, _ =>
            Carry(_bargeIn.OnGuardPassed(Now)));
    }

    /// <summary>Carries out a decision; <paramref name="transcript"/>: the interrupting speech's words, when they decided.</summary>
    private void Carry(BargeInDecision decision, string? transcript = null)
    {
        var turn = _turn!;
        switch (decision)
        {
            case BargeInDecision.Ignore ignore:
                _log.Info("Turn {TurnNumber}: user speech while the assistant speaks is ignored ({Reason})", turn.Number, ignore.Reason);
                break;
            case BargeInDecision.Guard guard:
                Timers.StartSingleTimer(BargeInGuardTimer, new BargeInGuardPassed(turn.Number), guard.Wait);
                break;
            case BargeInDecision.Backchannel backchannel:
                turn.Backchannels.Add(backchannel.Text);
                _log.Info("Turn {TurnNumber}: \"{Backchannel}\" is a backchannel; the assistant goes on", turn.Number, backchannel.Text);
                break;
            case BargeInDecision.Pause pause:
                Timers.Cancel(BargeInGuardTimer);
                if (turn.PausedAt is null)
                {
                    // Silent within a frame; the answer's audio stays buffered until the user's words decide.
                    turn.PausedAt = Now;
                    _playback.Tell(PlaybackActor.Pause.Instance);
                    turn.Timeline.Mark(TimelineMarks.BargeInPaused, Now, pause.Candidate.DetectedBy);
                    _log.Info("Turn {TurnNumber}: possible barge-in ({DetectedBy}); the answer pauses", turn.Number, pause.Candidate.DetectedBy);
                    _observer.Tell(new TurnStateChanged(turn.Number, "paused", SinceEndOfSpeech()));
                }

                Timers.StartSingleTimer(FalseInterruptionTimer, new FalseInterruptionDue(turn.Number), pause.Wait);
                break;
            case BargeInDecision.Resume resume:
                Timers.Cancel(FalseInterruptionTimer);
                turn.PausedAt = null;
                turn.FalseInterruptions++;
                _playback.Tell(PlaybackActor.Resume.Instance);
                turn.Timeline.Mark(TimelineMarks.BargeInResumed, Now, resume.Reason);
                _log.Info("Turn {TurnNumber}: false interruption ({Reason}); the answer resumes", turn.Number, resume.Reason);
                _observer.Tell(new TurnStateChanged(turn.Number, "answering", SinceEndOfSpeech()));
                break;
            case BargeInDecision.Interrupt interrupt:
                Timers.Cancel(BargeInGuardTimer);
                Timers.Cancel(FalseInterruptionTimer);
                StopForBargeIn(interrupt.Candidate, interrupt.NextItemId);
                if (transcript is null && interrupt.Candidate.Stopped)
                {
                    AwaitTranscript(_turn!); // the interrupting speech already ended: its transcript is next
                }
                else if (transcript is null)
                {
                    Transition("user speaking", UserSpeaking);
                }
                else
                {
                    OnFinalTranscript(transcript);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Stops the assistant now and makes the interrupting speech the next turn.</summary>
    private void StopForBargeIn(BargeInCandidate candidate, string? nextItemId)
    {
        var old = _turn!;
        Timers.Cancel(TimeoutTimer);
        Timers.Cancel(InterruptTimer);
        _log.Info("Turn {TurnNumber}: barge-in detected by {DetectedBy}", old.Number, candidate.DetectedBy);
        old.Timeline.Mark(TimelineMarks.BargeInDetected, Now, candidate.DetectedBy.ToString());
        _playback.Tell(PlaybackActor.Stop.BargeIn);
        if (old.ResponseStatus is null)
        {
            _socket.Tell(new RealtimeSocketActor.Send(new ResponseCancel { ResponseId = old.ResponseId }));
        }

        if (old.ResponseId is not null)
        {
            _cancelledResponses.Add(old.ResponseId);
        }

        _speculator.Tell(new SpeculatorActor.CancelTurn(old.Number));
        old.BargeIn = candidate.Detection;
        old.Outcome = TurnOutcome.Interrupted;
        _observer.Tell(new TurnStateChanged(old.Number, "barge-in", SinceEndOfSpeech()));
        if (old.AssistantItemId is null || !old.AnswerAccepted)
        {
            // Nothing of the answer was played yet (a bridge may have been): nothing to truncate, its held audio is dropped.
            // A response created later for this turn is cancelled on sight.
            if (old.ResponseId is not null)
            {
                _playback.Tell(new PlaybackActor.Discard(old.ResponseId));
            }

            FinishInterrupted(old, playedMs: 0, receivedMs: 0, file: null);
        }
        else
        {
            _interrupted = old;
        }

        StartTurn(old.Label + "-next", ActorRefs.Nobody, null);
        _turn!.UserItemId = nextItemId;
    }

    private void FinishInterrupted(TurnState old, long playedMs, long receivedMs, string? file)
    {
        var truncated = Math.Min(playedMs, receivedMs);
        // Paused first: the user heard silence from the pause on.
        var silentAt = old.PausedAt ?? Now;
        old.Timeline.Mark(TimelineMarks.PlaybackSilent, silentAt);
        if (old.AssistantItemId is not null)
        {
            old.Timeline.Mark(TimelineMarks.TruncateSent, Now, truncated > 0 ? $"{truncated} ms" : "deleted");
            old.Truncations.Add(new ItemTruncation(old.AssistantItemId, truncated, playedMs, receivedMs));
            // Only what the user heard stays in the conversation.
            _socket.Tell(new RealtimeSocketActor.Send(truncated > 0
                ? new ConversationItemTruncate(old.AssistantItemId, 0, (int)truncated)
                : new ConversationItemDelete(old.AssistantItemId)));
        }

        old.AudioPlayedMs = playedMs;
        old.AudioReceivedMs = receivedMs;
        old.AudioFile = file;
        old.BargeInReport = TurnResultBuilder.BargeInReport(old.BargeIn!, silentAt, playedMs, truncated);
        old.HeardAnswer = TurnResultBuilder.HeardPart(old.Spoken.ToString().Trim(), playedMs, receivedMs);
        Complete(old);
    }
}
