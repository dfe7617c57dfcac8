using Akka.Actor;
using ActorVoice.Engine.Playback;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.Engine.Turns;

/// <summary>
/// Answering: the spoken response runs, its audio goes to playback, and the turn completes when both the response is
/// done and playback has finished. All of the turn's handling of assistant audio and playback is in this file.
/// </summary>
public sealed partial class TurnActor
{
    private void Answering()
    {
        SideResponses();
        Receive<ResponseOutputAudioDelta>(OnAssistantAudio);
        Receive<ResponseOutputAudioTranscriptDelta>(delta =>
        {
            if (!_cancelledResponses.Contains(delta.ResponseId) && (_turn!.ResponseId is null || delta.ResponseId == _turn.ResponseId))
            {
                _turn.Spoken.Append(delta.Delta);
                if (_turn.ResponseId is not null)
                {
                    ArmIdle(_turn, delta.ResponseId);
                }
            }
        });
        Receive<ResponseDone>(OnResponseDone);
        Receive<PlaybackActor.PlaybackStarted>(started => started.ItemId == _turn!.AssistantItemId, OnPlaybackStarted);
        Receive<PlaybackActor.PlaybackFinished>(f => f.ItemId == _turn!.AssistantItemId && _interrupted is null, OnPlaybackFinished);
        Receive<FeedInterrupt>(f => f.TurnNumber == _turn?.Number && _turn.Interrupt is not null, _ =>
            Context.Parent.Tell(new InterruptCaptureRequested(_turn!.Interrupt!.WavPath)));
        BargeInHandlers();
        CommonHandlers();
    }

    /// <summary>
    /// A chunk of the assistant's audio (a notification; its samples go to playback by stream): the first one accepts the
    /// response for playback (after a bridge that still plays), which marks the answer's first audio.
    /// </summary>
    private void OnAssistantAudio(ResponseOutputAudioDelta delta)
    {
        var turn = _turn!;
        if (_cancelledResponses.Contains(delta.ResponseId) || (turn.ResponseId is not null && delta.ResponseId != turn.ResponseId))
        {
            return;
        }

        ArmIdle(turn, delta.ResponseId);
        if (turn.AssistantItemId is null)
        {
            Timers.Cancel(TimeoutTimer);
            turn.ResponseId ??= delta.ResponseId;
            turn.AssistantItemId = delta.ItemId;
            AcceptAnswer(turn);
        }
    }

    private void OnResponseDone(ResponseDone done)
    {
        var turn = _turn!;
        if (_cancelledResponses.Contains(done.Response.Id) || (turn.ResponseId is not null && done.Response.Id != turn.ResponseId))
        {
            return;
        }

        Timers.Cancel(TimeoutTimer);
        turn.ResponseStatus = done.Response.Status;
        if (done.Response.Status != RealtimeResponse.Completed)
        {
            // Not cancelled by ActorVoice (those are filtered above): asked again once its audio has played.
            turn.ResponseFailure = $"the response ended {done.Response.Status}" +
                (done.Response.StatusDetails?.Error?.Message is { } m ? $": {m}" : string.Empty);
        }

        if (turn.AssistantItemId is null)
        {
            if (turn.ResponseFailure is not null)
            {
                RetryOrFallback(turn);
            }
            else
            {
                Complete(turn);
            }

            return;
        }

        if (turn.ResponseId is not null)
        {
            ArmIdle(turn, turn.ResponseId);
        }

        if (turn.AnswerAccepted)
        {
            _playback.Tell(new PlaybackActor.EndOfResponse(turn.AssistantItemId));
        }
        else
        {
            turn.AnswerEndPending = true; // told once the answer plays (after the bridge)
        }
    }

    private void OnPlaybackStarted(PlaybackActor.PlaybackStarted started)
    {
        var turn = _turn!;
        turn.Timeline.PlaybackStarted(started.At);
        if (turn.Interrupt is not null)
        {
            Timers.StartSingleTimer(InterruptTimer, new FeedInterrupt(turn.Number), TimeSpan.FromMilliseconds(turn.Interrupt.AfterMs));
        }
    }

    private void OnPlaybackFinished(PlaybackActor.PlaybackFinished finished)
    {
        var turn = _turn!;
        if (finished.DeviceError is not null)
        {
            OnPlaybackDeviceError(turn, finished);
            return;
        }

        turn.AudioPlayedMs = finished.PlayedMs;
        turn.AudioReceivedMs = finished.ReceivedMs;
        turn.AudioFile = finished.File;
        turn.Timeline.PlaybackDone(Now);
        if (turn.ResponseFailure is not null)
        {
            RetryOrFallback(turn);
        }
        else if (turn.ResponseStatus is not null)
        {
            Complete(turn);
        }
    }

    /// <summary>In every state: playback of an interrupted answer has stopped; that turn can now report what was heard.</summary>
    private void InterruptedPlayback() =>
        Receive<PlaybackActor.PlaybackFinished>(f => _interrupted is not null && f.ItemId == _interrupted.AssistantItemId, finished =>
        {
            var old = _interrupted!;
            _interrupted = null;
            FinishInterrupted(old, finished.PlayedMs, finished.ReceivedMs, finished.File);
        });
}
