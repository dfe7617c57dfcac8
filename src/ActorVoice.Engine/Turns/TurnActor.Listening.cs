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
        Receive<SpeechStarted>(started =>
        {
            _turn!.UserItemId = started.ItemId;
            Transition("user speaking", UserSpeaking);
        });
        Receive<CaptureActor.LocalSpeech>(s => _settings.Turn.LocalTurns && s.Kind == VadTransitionKind.SpeechStarted, _ =>
            Transition("user speaking", UserSpeaking));
        CommonHandlers();
    }

    private void UserSpeaking()
    {
        TranscriptDeltas();
        Receive<SpeechStopped>(stopped =>
        {
            var turn = _turn!;
            turn.UserItemId ??= stopped.ItemId;
            turn.Timeline.SpeechStopped(_captureClock.WallClockOf(stopped.AudioEndMs) ?? Now, Now);
            AwaitTranscript(turn);
        });
        Receive<SpeechStarted>(started => _turn!.UserItemId ??= started.ItemId);
        Receive<CaptureActor.LocalSpeech>(s => _settings.Turn.LocalTurns && s.Kind == VadTransitionKind.SpeechStopped, stopped =>
        {
            // Manual turns: the local VAD heard the end of speech; the turn is committed without the server's VAD.
            var turn = _turn!;
            turn.Timeline.SpeechStopped(_captureClock.WallClockOf(stopped.SessionAudioMs) ?? stopped.At, stopped.At);
            _socket.Tell(new RealtimeSocketActor.Send(new InputAudioBufferCommit()));
            AwaitTranscript(turn);
        });
        CommonHandlers();
    }

    private void AwaitTranscript(TurnState turn)
    {
        Timers.StartSingleTimer(TimeoutTimer, new TimedOut(turn.Number, "no final transcript arrived"), _settings.Turn.TranscriptTimeout);
        Transition("awaiting transcript", AwaitingTranscript);
    }

    private void AwaitingTranscript()
    {
        TranscriptDeltas();
        Receive<InputAudioBufferCommitted>(committed => _turn!.UserItemId ??= committed.ItemId);
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
        Receive<InputAudioTranscriptionFailed>(_ =>
        {
            Timers.Cancel(TimeoutTimer);
            var turn = _turn!;
            turn.Timeline.TranscriptFinal(Now);
            _speculator.Tell(new SpeculatorActor.CancelTurn(turn.Number));
            Apply(SpokenAnswer.Speak(turn, NotCaught));
        });
        SupersededBy();
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
            _speculator.Tell(new SpeculatorActor.PartialSeen(_turn.Number, local.Text));
        });
    }
}
