using Akka.Actor;
using Akka.Event;
using ActorVoice.Audio.Vad;
using ActorVoice.Engine.Capture;
using ActorVoice.Engine.Realtime;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns.Injection;
using ActorVoice.Realtime.Protocol.Events;

namespace ActorVoice.Engine.Turns;

/// <summary>From listening to the final transcript: the user speaks, partial transcripts feed speculation, the end of speech is placed.</summary>
public sealed partial class TurnActor
{
    private void Listening()
    {
        SideResponses();
        Receive<SpeechStarted>(started =>
        {
            _turn!.UserItemId = started.ItemId;
            MarkServerSpeechStart(_turn, started);
            Transition("user speaking", UserSpeaking);
        });
        Receive<CaptureActor.LocalSpeech>(s => s.Kind == VadTransitionKind.SpeechStarted, speech =>
        {
            MarkLocalSpeechStart(_turn!, speech);
            if (_settings.Turn.LocalTurns)
            {
                Transition("user speaking", UserSpeaking);
            }
        });
        CommonHandlers();
    }

    private void UserSpeaking()
    {
        SideResponses();
        PreliminaryHandlers();
        TranscriptDeltas();
        Receive<SpeechStopped>(stopped =>
        {
            var turn = _turn!;
            turn.UserItemId ??= stopped.ItemId;
            var end = _captureClock.WallClockOf(stopped.AudioEndMs) ?? Now;
            turn.Timeline.SpeechStopped(end, Now);
            turn.Timeline.Mark(TimelineMarks.SpeechEndService, end);
            ScheduleBridge(turn, end);
            AwaitTranscript(turn);
        });
        Receive<SpeechStarted>(started =>
        {
            if (_turn!.UserItemId is null)
            {
                MarkServerSpeechStart(_turn, started);
            }

            _turn.UserItemId ??= started.ItemId;
        });
        Receive<CaptureActor.LocalSpeech>(s => _settings.Turn.LocalTurns && s.Kind == VadTransitionKind.SpeechStopped, stopped =>
        {
            // Manual turns: the local VAD heard the end of speech; the turn is committed without the server's VAD.
            var turn = _turn!;
            var end = _captureClock.WallClockOf(stopped.SessionAudioMs) ?? stopped.At;
            turn.Timeline.SpeechStopped(end, stopped.At);
            _socket.Tell(new RealtimeSocketActor.Send(new InputAudioBufferCommit()));
            OnLocalSpeechEnd(turn, end);
            AwaitTranscript(turn);
        });
        LocalSpeechWhileAwaiting();
        CommonHandlers();
    }

    /// <summary>The local VAD while the question is still open (server VAD turns): its end of speech closes the question.</summary>
    private void LocalSpeechWhileAwaiting()
    {
        Receive<CaptureActor.LocalSpeech>(s => s.Kind == VadTransitionKind.SpeechStopped, stopped =>
            OnLocalSpeechEnd(_turn!, _captureClock.WallClockOf(stopped.SessionAudioMs) ?? stopped.At));
        Receive<CaptureActor.LocalSpeech>(s => s.Kind == VadTransitionKind.SpeechStarted, started =>
        {
            MarkLocalSpeechStart(_turn!, started);
            _turn!.LocalSpeaking = true;
        });
    }

    private void MarkServerSpeechStart(TurnState turn, SpeechStarted started) =>
        turn.Timeline.Mark(TimelineMarks.SpeechStartService, _captureClock.WallClockOf(started.AudioStartMs) ?? Now);

    private void MarkLocalSpeechStart(TurnState turn, CaptureActor.LocalSpeech speech) =>
        turn.Timeline.Mark(TimelineMarks.SpeechStartLocal, _captureClock.WallClockOf(speech.SessionAudioMs) ?? speech.At);

    private void AwaitTranscript(TurnState turn)
    {
        Timers.StartSingleTimer(TimeoutTimer, new TimedOut(turn.Number, "no final transcript arrived"), _settings.Turn.TranscriptTimeout);
        Transition("awaiting transcript", AwaitingTranscript);
    }

    private void AwaitingTranscript()
    {
        SideResponses();
        PreliminaryHandlers();
        TranscriptDeltas();
        Receive<InputAudioBufferCommitted>(committed =>
        {
            _turn!.UserItemId ??= committed.ItemId;
            _turn.Timeline.Mark(TimelineMarks.Commit, Now);
        });
        Receive<InputAudioTranscriptionCompleted>(completed =>
        {
            var turn = _turn!;
            if (turn.UserItemId is not null && completed.ItemId != turn.UserItemId)
            {
                _log.Debug("Transcript for another item {ItemId}; waiting for {UserItemId}", completed.ItemId, turn.UserItemId);
                return;
            }

            OnFinalTranscript(completed.Transcript);
        });
        Receive<InputAudioTranscriptionFailed>(failed =>
        {
            Timers.Cancel(TimeoutTimer);
            var turn = _turn!;
            turn.Timeline.TranscriptFinal(Now);
            if (failed.Error.Code == ServerBusy)
            {
                // The user was not misheard: the server had no recogniser free. That is a fallback (operators count
                // it as one), and asking the user to repeat would not be the truth.
                SpeakFallbackFor(turn, "the realtime server was too busy to transcribe the question");
                return;
            }

            _speculator.Tell(new SpeculatorActor.CancelTurn(turn.Number));
            DiscardPreemptive(turn, "no transcript");
            Apply(SpokenAnswer.Speak(turn, NotCaught));
        });
        SupersededBy();
        LocalSpeechWhileAwaiting();
        CommonHandlers();
    }

    private void SupersededBy()
    {
        // The user spoke again before the answer: the earlier question is dropped and the new speech is the turn.
        Receive<SpeechStarted>(started => started.ItemId != _turn?.UserItemId, started =>
        {
            var old = _turn!;
            Timers.Cancel(TimeoutTimer);
            _speculator.Tell(new SpeculatorActor.CancelTurn(old.Number));
            old.Outcome = TurnOutcome.Superseded;
            old.Error ??= "the user spoke again before the answer";
            Complete(old);
            StartTurn(old.Label + "-next", ActorRefs.Nobody, null);
            _turn!.UserItemId = started.ItemId;
            Transition("user speaking", UserSpeaking);
        });
    }

    private void TranscriptDeltas()
    {
        Receive<InputAudioTranscriptionDelta>(delta =>
        {
            var turn = _turn!;
            if (turn.UserItemId is not null && delta.ItemId != turn.UserItemId)
            {
                return;
            }

            turn.UserItemId ??= delta.ItemId;
            turn.PartialText.Append(delta.Delta);
            var partial = turn.PartialText.ToString().Trim();
            turn.Partials.Add(partial);
            turn.Timeline.Mark(TimelineMarks.Partial, Now, partial);
            _observer.Tell(new PartialTranscript(turn.Number, partial));
            if (!_settings.Turn.LocalRecognizer)
            {
                _speculator.Tell(new SpeculatorActor.PartialSeen(turn.Number, partial));
            }
        });
        // The local shadow recognizer's partials arrive while the user speaks, before the server's; with it on, they
        // alone feed speculation (two sources would keep superseding each other's jobs).
        Receive<CaptureActor.LocalTranscript>(t => !t.IsFinal && _turn is not null && t.Text.Length > 0, local =>
        {
            _turn!.LocalPartials.Add(local.Text);
            _turn.Timeline.Mark(TimelineMarks.LocalPartial, Now, local.Text);
            _speculator.Tell(new SpeculatorActor.PartialSeen(_turn.Number, local.Text));
        });
        Receive<CaptureActor.LocalTranscript>(t => t.IsFinal && _turn is not null && t.Text.Length > 0, local => _turn!.LocalFinal = local.Text);
    }
}
