using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns.Injection;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Tools;

namespace ActorVoice.Engine.Turns;

/// <summary>From the final transcript to the injected answer: retrieving, or (tool mode) waiting for the model's tool call.</summary>
public sealed partial class TurnActor
{
    private void OnFinalTranscript(string transcript)
    {
        Timers.Cancel(TimeoutTimer);
        var turn = _turn!;
        turn.Transcript = transcript.Trim();
        turn.Timeline.TranscriptFinal(Now);
        _observer.Tell(new FinalTranscript(turn.Number, turn.Transcript));
        if (turn.Transcript.Length == 0)
        {
            _speculator.Tell(new SpeculatorActor.CancelTurn(turn.Number));
            DiscardPreemptive(turn, "empty transcript");
            Apply(SpokenAnswer.Speak(turn, NotCaught));
            return;
        }

        _speculator.Tell(new SpeculatorActor.FinalSeen(turn.Number, turn.Transcript, Self));
        Timers.StartSingleTimer(TimeoutTimer, new TimedOut(turn.Number, "retrieval took too long"), _settings.Speculation.Deadline + TimeSpan.FromSeconds(1));
        Apply(_injection.OnFinalTranscript(turn));
    }

    private void Retrieving()
    {
        SideResponses();
        Receive<SpeculatorActor.Ready>(r => r.TurnId == _turn!.Number, ready =>
        {
            Timers.Cancel(TimeoutTimer);
            var turn = _turn!;
            if (turn.Preemptive is { Discarded: false } preemptive)
            {
                if (ready.JobId != 0 && ready.JobId == preemptive.JobId)
                {
                    ConfirmPreemptive(turn, preemptive, ready);
                    return;
                }

                DiscardPreemptive(turn, $"the final transcript's result is job {ready.JobId}, not {preemptive.JobId}");
            }

            RecordKnowledge(ready);
            Apply(_injection.OnKnowledge(turn, ready.Result));
        });
        Receive<SpeculatorActor.Failed>(f => f.TurnId == _turn!.Number, failed =>
        {
            Timers.Cancel(TimeoutTimer);
            var turn = _turn!;
            _log.Warning("Turn {TurnNumber}: knowledge source failed: {Reason}", turn.Number, failed.Reason);
            RecordFailure(failed);
            SpeakFallbackFor(turn, "knowledge source failed: " + failed.Reason);
        });
        SupersededBy();
        CommonHandlers();
    }

    /// <summary>
    /// Tool mode: the model was asked to respond with <c>search_knowledge</c> available. Its call and the knowledge may
    /// arrive in either order; the strategy answers the call once both are in. A model that answers without the tool
    /// is simply played.
    /// </summary>
    private void ToolCalling()
    {
        SideResponses();
        Receive<SpeculatorActor.Ready>(r => r.TurnId == _turn!.Number, ready =>
        {
            RecordKnowledge(ready);
            Apply(_injection.OnKnowledge(_turn!, ready.Result));
        });
        Receive<SpeculatorActor.Failed>(f => f.TurnId == _turn!.Number, failed =>
        {
            RecordFailure(failed);
            // The model waits for the tool's output: it gets the fallback text to say.
            _turn!.FallbackReason ??= "knowledge source failed: " + failed.Reason;
            _turn.Outcome = TurnOutcome.Fallback;
            Apply(_injection.OnKnowledgeFailed(_turn!));
        });
        Receive<ResponseFunctionCallArgumentsDone>(call =>
        {
            if (call.Name == KnowledgeTool.Name)
            {
                _turn!.ToolCallId = call.CallId;
                _turn.ToolResponseId = call.ResponseId;
            }
        });
        Receive<ResponseDone>(_ => _turn!.ToolCallId is not null, done =>
        {
            if (done.Response.Id == _turn!.ToolResponseId)
            {
                _turn.ToolResponseDone = true;
                Apply(_injection.OnToolCallDone(_turn));
            }
        });
        Receive<ResponseOutputAudioDelta>(_ =>
        {
            // The model answered without calling the tool: play that answer.
            Timers.Cancel(TimeoutTimer);
            Stash.Stash();
            Transition("answering", Answering);
            Stash.UnstashAll();
        });
        SupersededBy();
        CommonHandlers();
    }

    private void RecordKnowledge(SpeculatorActor.Ready ready)
    {
        var turn = _turn!;
        turn.Timeline.RetrievalDone(Now);
        turn.Speculation = ready.Stats;
        turn.Sources = ready.Result.Passages.Select(p => new TurnSource(p.Document, p.Chunk, p.Score, p.Heading)).ToList();
        if (turn.Sources.Count > 0)
        {
            // Clients show where the answer comes from while it is being spoken, not only once the turn ends.
            _observer.Tell(new SourcesFound(turn.Number, turn.Sources));
        }
    }

    private void RecordFailure(SpeculatorActor.Failed failed)
    {
        var turn = _turn!;
        turn.Speculation = failed.Stats;
        turn.Timeline.RetrievalDone(Now);
    }

    /// <summary>Sends what the injection strategy produced and moves to the state it names.</summary>
    private void Apply(InjectionStep step)
    {
        var turn = _turn!;
        foreach (var e in step.Events)
        {
            SendForTurn(turn, e);
        }

        switch (step.Next)
        {
            case InjectionNext.Retrieve:
                Transition("retrieving", Retrieving);
                break;
            case InjectionNext.ToolCall:
                Transition("tool call", ToolCalling);
                break;
            case InjectionNext.Answer:
                Timers.StartSingleTimer(TimeoutTimer, new TimedOut(turn.Number, "no assistant audio arrived"), _settings.Turn.ResponseTimeout);
                Transition("answering", Answering);
                break;
            case InjectionNext.Wait:
            default:
                break;
        }
    }
}
