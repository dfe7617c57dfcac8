using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Playback;
using ActorVoice.Engine.Realtime;
using ActorVoice.Engine.Speculation;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;

namespace ActorVoice.Engine.Turns;

/// <summary>
/// Answering before the final transcript. The local VAD's end of speech closes the question (the speculator gets
/// <see cref="SpeculatorActor.QuestionClosed"/>); a <see cref="SpeculatorActor.Preliminary"/> result is injected and
/// its response requested at once, but its audio is held (the playback device keeps it) until the speculator's
/// <see cref="SpeculatorActor.Ready"/> names the same job. Otherwise the preemptive response is cancelled, its items
/// deleted and its audio discarded, so that the conversation holds only what the user heard. Responses beside the
/// answer (this one and the bridge) are matched to their <c>response.created</c> in the order they were requested;
/// while one runs on the server, the answer's events wait (a server runs one response at a time).
/// </summary>
public sealed partial class TurnActor
{
    private readonly List<SideResponse> _side = [];
    private readonly Queue<SideResponse?> _creates = new();
    private readonly List<(int TurnNumber, ClientEvent Event)> _deferred = [];
    private string _state = "idle";

    private bool Speculating => _settings.Speculation.Enabled;

    private bool PreemptionOn => Speculating && _settings.Answer.Preemptive && _settings.Answer.Injection != AnswerInjection.Tool;

    /// <summary>Registered first in every state: the events of preemptive and bridging responses, and who a response is.</summary>
    private void SideResponses()
    {
        Receive<ResponseCreated>(OnResponseCreated);
        Receive<ResponseOutputItemAdded>(a => SideOf(a.ResponseId) is { Confirmed: false }, added => SideOf(added.ResponseId)!.AssistantItemId ??= added.Item.Id);
        Receive<ResponseOutputAudioDelta>(d => SideOf(d.ResponseId) is { Confirmed: false }, OnSideAudio);
        Receive<ResponseOutputAudioTranscriptDelta>(d => SideOf(d.ResponseId) is { Confirmed: false }, delta => SideOf(delta.ResponseId)!.Spoken.Append(delta.Delta));
        Receive<ResponseDone>(d => SideOf(d.Response.Id) is not null, OnSideDone);
        BridgeHandlers();
    }

    /// <summary>The local VAD heard the end of speech: hand the question to the speculator (once per turn) and start the bridge timer.</summary>
    private void OnLocalSpeechEnd(TurnState turn, DateTimeOffset endOfSpeech)
    {
        turn.LocalSpeaking = false;
        turn.Timeline.Mark(TimelineMarks.SpeechEndLocal, endOfSpeech);
        ScheduleBridge(turn, endOfSpeech);
        if (!Speculating || turn.QuestionClosed || turn.Transcript.Length > 0)
        {
            return;
        }

        var text = _settings.Turn.LocalRecognizer
            ? turn.LocalFinal ?? turn.LocalPartials.LastOrDefault() ?? turn.Partials.LastOrDefault()
            : turn.Partials.LastOrDefault();
        if (string.IsNullOrWhiteSpace(text))
        {
            return; // nothing recognised yet: the final transcript alone decides
        }

        turn.QuestionClosed = true;
        turn.ClosedQuestion = text;
        turn.Timeline.Mark(TimelineMarks.QuestionClosed, Now, text);
        _log.Info("Turn {TurnNumber}: the local VAD closed the question \"{Question}\"", turn.Number, text);
        _speculator.Tell(new SpeculatorActor.QuestionClosed(turn.Number, text, Self));
    }

    /// <summary>Before the final transcript: a speculative result answers the closed question.</summary>
    private void PreliminaryHandlers()
    {
        Receive<SpeculatorActor.Preliminary>(
            p => p.TurnId == _turn?.Number && PreemptionOn && _turn.Preemptive is null && _turn.Bridge is null && !_turn.AnswerRequested && _side.Count == 0,
            Preempt);
    }

    private void Preempt(SpeculatorActor.Preliminary preliminary)
    {
        var turn = _turn!;
        // The injection answers the question the local VAD closed; the turn's own answer and transcript stay untouched.
        var (transcript, answer) = (turn.Transcript, turn.Answer);
        turn.Transcript = turn.ClosedQuestion ?? string.Empty;
        var step = _injection.OnKnowledge(turn, preliminary.Result);
        var injected = turn.Answer;
        (turn.Transcript, turn.Answer) = (transcript, answer);

        var ids = new List<string>();
        var events = step.Events.Select(e => e is ConversationItemCreate create ? WithClientId(create, ids) : e).ToList();
        var side = new SideResponse(SideResponseKind.Preemptive, turn.Number, ids, injected, preliminary.JobId, preliminary.Result);
        turn.Preemptive = side;
        _side.Add(side);
        Timers.Cancel(BridgeTimer);
        turn.Timeline.Mark(TimelineMarks.AnswerReady, Now, $"preliminary job {preliminary.JobId}");
        _log.Info("Turn {TurnNumber}: preemptive response from job {JobId}, held until the final transcript confirms it", turn.Number, preliminary.JobId);
        foreach (var e in events)
        {
            _socket.Tell(new RealtimeSocketActor.Send(e));
            if (e is ResponseCreate)
            {
                _creates.Enqueue(side);
                turn.Timeline.Mark(TimelineMarks.PreemptiveResponseCreate, Now, $"job {preliminary.JobId}");
            }
        }
    }

    /// <summary>The final transcript's result is the preliminary one: the held response is the answer; it plays now.</summary>
    private void ConfirmPreemptive(TurnState turn, SideResponse preemptive, SpeculatorActor.Ready ready)
    {
        RecordKnowledge(ready);
        preemptive.Confirmed = true;
        turn.AnswerRequested = true;
        Timers.Cancel(BridgeTimer);
        turn.Answer = preemptive.Answer;
        turn.ResponseId = preemptive.ResponseId;
        turn.Spoken.Append(preemptive.Spoken);
        turn.Timeline.Mark(TimelineMarks.PreemptiveConfirmed, Now, $"job {preemptive.JobId}");
        _log.Info("Turn {TurnNumber}: the final transcript confirmed the preemptive response (job {JobId})", turn.Number, preemptive.JobId);
        Timers.StartSingleTimer(TimeoutTimer, new TimedOut(turn.Number, "no assistant audio arrived"), _settings.Turn.ResponseTimeout);
        Transition("answering", Answering);
        if (preemptive is { AudioSeen: true, AssistantItemId: { } itemId })
        {
            Timers.Cancel(TimeoutTimer);
            turn.AssistantItemId = itemId;
            AcceptAnswer(turn);
        }

        if (preemptive.DoneEvent is { } done)
        {
            OnResponseDone(done);
        }
    }

    /// <summary>The preemptive response (if any, and not confirmed) answers no question any more: cancel it, delete its items, drop its audio.</summary>
    private void DiscardPreemptive(TurnState turn, string reason)
    {
        if (turn.Preemptive is not { Confirmed: false, Discarded: false } side)
        {
            return;
        }

        side.Discarded = true;
        turn.Timeline.Mark(TimelineMarks.PreemptiveDiscarded, Now, reason);
        _log.Info("Turn {TurnNumber}: preemptive response discarded ({Reason})", turn.Number, reason);
        foreach (var id in side.InjectedItemIds)
        {
            _socket.Tell(new RealtimeSocketActor.Send(new ConversationItemDelete(id)));
        }

        if (side.ResponseId is null)
        {
            return; // cancelled when its response.created arrives
        }

        _cancelledResponses.Add(side.ResponseId);
        _playback.Tell(new PlaybackActor.Discard(side.ResponseId));
        if (side.DoneEvent is null)
        {
            _socket.Tell(new RealtimeSocketActor.Send(new ResponseCancel { ResponseId = side.ResponseId }));
        }
        else
        {
            DeleteOutput(side);
        }
    }

    private void OnResponseCreated(ResponseCreated created)
    {
        var id = created.Response.Id;
        if (_creates.Count > 0 && _creates.Dequeue() is { } side)
        {
            side.ResponseId = id;
            if (side.Discarded)
            {
                _cancelledResponses.Add(id);
                _playback.Tell(new PlaybackActor.Discard(id));
                _socket.Tell(new RealtimeSocketActor.Send(new ResponseCancel { ResponseId = id }));
            }
            else if (side.Confirmed && ReferenceEquals(_turn?.Preemptive, side))
            {
                _turn.ResponseId = id;
            }

            return;
        }

        var turn = _turn;
        if (turn is not null && !_cancelledResponses.Contains(id) && _state is "answering" or "tool call")
        {
            if (_state == "tool call")
            {
                turn.ToolResponseId ??= id;
            }

            turn.ResponseId ??= id;
            return;
        }

        // A response nobody waits for (its turn was interrupted before it was created): cancel it.
        if (_cancelledResponses.Add(id))
        {
            _socket.Tell(new RealtimeSocketActor.Send(new ResponseCancel { ResponseId = id }));
        }
    }

    private void OnSideDone(ResponseDone done)
    {
        var side = SideOf(done.Response.Id)!;
        _side.Remove(side);
        side.DoneEvent = done;
        if (side.Discarded)
        {
            DeleteOutput(side);
        }
        else if (side.Kind == SideResponseKind.Bridge)
        {
            OnBridgeDone(side);
        }
        else if (side.Confirmed && ReferenceEquals(_turn?.Preemptive, side) && _state == "answering")
        {
            OnResponseDone(done);
        }

        FlushDeferred();
    }

    /// <summary>Deletes the assistant item a discarded response produced (it was never heard).</summary>
    private void DeleteOutput(SideResponse side)
    {
        var itemId = side.AssistantItemId ?? (side.DoneEvent is { Response.Output: [var first, ..] } ? first.Id : null);
        if (itemId is not null)
        {
            side.AssistantItemId = itemId;
            _socket.Tell(new RealtimeSocketActor.Send(new ConversationItemDelete(itemId)));
        }
    }

    private SideResponse? SideOf(string? responseId)
    {
        if (responseId is null)
        {
            return null;
        }

        return _side.Find(s => s.ResponseId == responseId)
            ?? (_turn?.Preemptive?.ResponseId == responseId ? _turn.Preemptive
                : _turn?.Bridge?.ResponseId == responseId ? _turn.Bridge : null);
    }

    /// <summary>Sends one of the turn's own events; while a side response runs on the server they wait (one response at a time).</summary>
    private void SendForTurn(TurnState turn, ClientEvent e)
    {
        if (e is ResponseCreate)
        {
            turn.AnswerRequested = true;
            turn.LastResponseCreate = e;
            Timers.Cancel(BridgeTimer);
        }
        else if (e is ConversationItemCreate)
        {
            turn.LastInjected = e;
        }

        if (_side.Count > 0)
        {
            _deferred.Add((turn.Number, e));
            return;
        }

        SendNow(turn.Number, e);
    }

    private void SendNow(int turnNumber, ClientEvent e)
    {
        _socket.Tell(new RealtimeSocketActor.Send(e));
        if (e is ResponseCreate)
        {
            _creates.Enqueue(null);
            if (_turn?.Number == turnNumber)
            {
                _turn.Timeline.Mark(TimelineMarks.ResponseCreate, Now);
            }
        }
    }

    private void FlushDeferred()
    {
        if (_side.Count > 0 || _deferred.Count == 0)
        {
            return;
        }

        var waiting = _deferred.ToList();
        _deferred.Clear();
        foreach (var (turnNumber, e) in waiting)
        {
            SendNow(turnNumber, e);
        }
    }

    /// <summary>A client item id (at most 32 characters), so that the item can be deleted without waiting for the server's.</summary>
    private static ConversationItemCreate WithClientId(ConversationItemCreate create, List<string> ids)
    {
        var id = "av_" + Guid.NewGuid().ToString("N")[..29];
        ids.Add(id);
        return create with { Item = create.Item with { Id = id } };
    }
}
