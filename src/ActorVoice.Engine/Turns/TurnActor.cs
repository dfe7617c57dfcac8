using ActorVoice.Realtime.Protocol.Tools;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Event;
using ActorVoice.Audio.Vad;
using ActorVoice.Engine.Answers;
using ActorVoice.Engine.Capture;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Playback;
using ActorVoice.Engine.Realtime;
using ActorVoice.Engine.Speculation;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.Engine.Turns;

/// <summary>
/// The turn state machine: listening → user speaking → awaiting transcript → retrieving → answering → idle. It
/// reacts to the realtime server's events (and to the local VAD on the capture stream), feeds partial transcripts to
/// the speculator so retrieval starts while the user still speaks, injects the composed answer
/// (<c>conversation.item.create</c> + <c>response.create</c>), routes the assistant's audio to playback, and handles
/// barge-in: playback stops at once, the response is cancelled, the assistant's item is truncated to what was
/// actually played, speculative jobs are cancelled, late audio of the cancelled response is dropped, and the
/// interrupting speech becomes the next turn. Every transition is logged with its time since the end of speech.
/// </summary>
public sealed class TurnActor : ReceiveActor, IWithTimers, IWithStash
{
    private const string TimeoutTimer = "timeout";
    private const string TurnTimer = "turn";
    private const string BargeInGuardTimer = "barge-in-guard";
    private const string InterruptTimer = "interrupt";
    private readonly EngineSettings _settings;
    private readonly IActorRef _socket;
    private readonly IActorRef _speculator;
    private readonly IActorRef _playback;
    private readonly IActorRef _observer;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<string> _cancelledResponses = new(StringComparer.Ordinal);
    private readonly List<CaptureActor.CaptureStarted> _captures = [];
    private readonly HashSet<string> _backchannels;
    private TurnState? _turn;
    private TurnState? _interrupted;
    private BargeInCandidate? _candidate;
    private int _turnCounter;

    public TurnActor(EngineSettings settings, IActorRef socket, IActorRef speculator, IActorRef playback, IActorRef observer)
    {
        _settings = settings;
        _socket = socket;
        _speculator = speculator;
        _playback = playback;
        _observer = observer;
        _backchannels = settings.Turn.Backchannels.Select(Normalize).ToHashSet(StringComparer.Ordinal);
        Idle();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    public static Props Props(EngineSettings settings, IActorRef socket, IActorRef speculator, IActorRef playback, IActorRef observer) =>
        Akka.Actor.Props.Create(() => new TurnActor(settings, socket, speculator, playback, observer));

    private static DateTimeOffset Now => Context.System.Scheduler.Now;

    private void Idle()
    {
        Receive<BeginTurn>(begin =>
        {
            StartTurn(begin.Label, begin.ReplyTo, begin.Interrupt);
            Transition("listening", Listening);
        });
        // Speech without a request (the user just talks): a turn of its own, reported to the session only.
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is SpeechStarted, e =>
        {
            StartTurn($"turn{_turnCounter + 1:00}", ActorRefs.Nobody, null);
            _turn!.UserItemId = ((SpeechStarted)e.Event).ItemId;
            Transition("user speaking", UserSpeaking);
        });
        Receive<CaptureActor.LocalSpeech>(s => _settings.Turn.LocalTurns && s.Kind == VadTransitionKind.SpeechStarted, _ =>
        {
            StartTurn($"turn{_turnCounter + 1:00}", ActorRefs.Nobody, null);
            Transition("user speaking", UserSpeaking);
        });
        CommonHandlers();
    }

    private void Listening()
    {
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is SpeechStarted, e =>
        {
            _turn!.UserItemId = ((SpeechStarted)e.Event).ItemId;
            Transition("user speaking", UserSpeaking);
        });
        Receive<CaptureActor.LocalSpeech>(s => _settings.Turn.LocalTurns && s.Kind == VadTransitionKind.SpeechStarted, _ =>
            Transition("user speaking", UserSpeaking));
        CommonHandlers();
    }

    private void UserSpeaking()
    {
        TranscriptDeltas();
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is SpeechStopped, e =>
        {
            var stopped = (SpeechStopped)e.Event;
            var turn = _turn!;
            turn.UserItemId ??= stopped.ItemId;
            turn.EndOfSpeech = WallClockOf(stopped.AudioEndMs) ?? Now;
            turn.Timeline = turn.Timeline with { SpeechStoppedMs = SinceEndOfSpeech() };
            Timers.StartSingleTimer(TimeoutTimer, new TimedOut(turn.Number, "no final transcript arrived"), _settings.Turn.TranscriptTimeout);
            Transition("awaiting transcript", AwaitingTranscript);
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is SpeechStarted, e =>
            _turn!.UserItemId ??= ((SpeechStarted)e.Event).ItemId);
        Receive<CaptureActor.LocalSpeech>(s => _settings.Turn.LocalTurns && s.Kind == VadTransitionKind.SpeechStopped, stopped =>
        {
            // Manual turns: the local VAD heard the end of speech; the turn is committed without the server's VAD.
            var turn = _turn!;
            turn.EndOfSpeech = WallClockOf(stopped.SessionAudioMs) ?? stopped.At;
            _socket.Tell(new RealtimeSocketActor.Send(new InputAudioBufferCommit()));
            turn.Timeline = turn.Timeline with { SpeechStoppedMs = SinceEndOfSpeech(stopped.At) };
            Timers.StartSingleTimer(TimeoutTimer, new TimedOut(turn.Number, "no final transcript arrived"), _settings.Turn.TranscriptTimeout);
            Transition("awaiting transcript", AwaitingTranscript);
        });
        CommonHandlers();
    }

    private void AwaitingTranscript()
    {
        TranscriptDeltas();
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is InputAudioBufferCommitted, e =>
            _turn!.UserItemId ??= ((InputAudioBufferCommitted)e.Event).ItemId);
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is InputAudioTranscriptionCompleted, e =>
        {
            var completed = (InputAudioTranscriptionCompleted)e.Event;
            var turn = _turn!;
            if (turn.UserItemId is not null && completed.ItemId != turn.UserItemId)
            {
                _log.Debug("Transcript for another item {0}; waiting for {1}", completed.ItemId, turn.UserItemId);
                return;
            }

            OnFinalTranscript(completed.Transcript);
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is InputAudioTranscriptionFailed, e =>
        {
            Timers.Cancel(TimeoutTimer);
            var turn = _turn!;
            turn.Timeline = turn.Timeline with { TranscriptFinalMs = SinceEndOfSpeech() };
            _speculator.Tell(new SpeculatorActor.CancelTurn(turn.Number));
            Answer(null, "Sorry, I did not catch that. Could you say it again?");
        });
        SupersededBy();
        CommonHandlers();
    }

    private void OnFinalTranscript(string transcript)
    {
        Timers.Cancel(TimeoutTimer);
        var turn = _turn!;
        turn.Transcript = transcript.Trim();
        turn.Timeline = turn.Timeline with { TranscriptFinalMs = SinceEndOfSpeech() };
        _observer.Tell(new FinalTranscript(turn.Number, turn.Transcript));
        if (turn.Transcript.Length == 0)
        {
            _speculator.Tell(new SpeculatorActor.CancelTurn(turn.Number));
            Answer(null, "Sorry, I did not catch that. Could you say it again?");
            return;
        }

        _speculator.Tell(new SpeculatorActor.FinalSeen(turn.Number, turn.Transcript, Self));
        Timers.StartSingleTimer(TimeoutTimer, new TimedOut(turn.Number, "retrieval took too long"), _settings.Speculation.Deadline + TimeSpan.FromSeconds(1));
        if (_settings.Answer.Injection == AnswerInjection.Tool)
        {
            // The model decides to look things up; the knowledge is already being fetched (speculatively when possible).
            _socket.Tell(new RealtimeSocketActor.Send(new ResponseCreate { Response = TurnResponse(turn, null) }));
            turn.ResponseRequested = true;
            Transition("tool call", ToolCalling);
            return;
        }

        Transition("retrieving", Retrieving);
    }

    private void Retrieving()
    {
        Receive<SpeculatorActor.Ready>(r => r.TurnId == _turn!.Number, ready =>
        {
            Timers.Cancel(TimeoutTimer);
            var turn = _turn!;
            turn.Timeline = turn.Timeline with { RetrievalDoneMs = SinceEndOfSpeech() };
            turn.Speculation = ready.Stats;
            turn.Sources = ready.Result.Passages.Select(p => new TurnSource(p.Document, p.Chunk, p.Score, p.Heading)).ToList();
            if (!string.IsNullOrWhiteSpace(ready.Result.Answer))
            {
                // A backend that answers by itself (HTTP chatbot): speak its answer.
                Answer(new ComposedAnswer(ready.Result.Answer!, turn.Sources.Count > 0 ? turn.Sources[0].Document : string.Empty, "the knowledge service"), _settings.Turn.NoAnswerText);
                return;
            }

            if (_settings.Answer.Injection == AnswerInjection.Passages && ready.Result.Passages.Count > 0)
            {
                AnswerFromPassages(ready.Result);
                return;
            }

            Answer(AnswerComposer.Compose(turn.Transcript, ready.Result.Passages, _settings.Answer), _settings.Turn.NoAnswerText);
        });
        Receive<SpeculatorActor.Failed>(f => f.TurnId == _turn!.Number, failed =>
        {
            Timers.Cancel(TimeoutTimer);
            var turn = _turn!;
            _log.Warning("Turn {0}: knowledge source failed: {1}", turn.Number, failed.Reason);
            turn.Speculation = failed.Stats;
            turn.Timeline = turn.Timeline with { RetrievalDoneMs = SinceEndOfSpeech() };
            Answer(null, _settings.Turn.NoAnswerText);
        });
        SupersededBy();
        CommonHandlers();
    }

    private void Answer(ComposedAnswer? composed, string fallback)
    {
        var turn = _turn!;
        turn.Answer = composed?.Text ?? fallback;
        // The answer goes in as a system message; the response reads it out. The local server speaks the newest
        // injected text verbatim; a model is instructed to do the same.
        _socket.Tell(new RealtimeSocketActor.Send(new ConversationItemCreate(ConversationItem.TextMessage("system", turn.Answer))));
        RequestSpokenResponse(turn, null);
    }

    /// <summary>Passages mode: the context goes in as a system message and the response is asked to answer from it.</summary>
    private void AnswerFromPassages(KnowledgeResult result)
    {
        var turn = _turn!;
        var context = new StringBuilder("Context from the organisation's documents:");
        var n = 0;
        foreach (var passage in result.Passages.Take(_settings.Answer.ContextPassages))
        {
            context.Append(CultureInfo.InvariantCulture, $"\n[{++n}] {passage.Document} ({passage.Heading}): {passage.Text.Trim()}");
        }

        turn.Answer = context.ToString();
        _socket.Tell(new RealtimeSocketActor.Send(new ConversationItemCreate(ConversationItem.TextMessage("system", turn.Answer))));
        RequestSpokenResponse(
            turn,
            $"{_settings.Realtime.Instructions} Answer the user's last question in one or two sentences, using only the context above, and name the document you used.".Trim());
    }

    private void RequestSpokenResponse(TurnState turn, string? instructions)
    {
        _socket.Tell(new RealtimeSocketActor.Send(new ResponseCreate { Response = TurnResponse(turn, instructions) }));
        turn.ResponseRequested = true;
        Timers.StartSingleTimer(TimeoutTimer, new TimedOut(turn.Number, "no assistant audio arrived"), _settings.Turn.ResponseTimeout);
        Transition("answering", Answering);
    }

    private static ResponseCreateParams TurnResponse(TurnState turn, string? instructions) => new()
    {
        Instructions = instructions,
        Metadata = new Dictionary<string, string> { ["actorvoice_turn"] = turn.Number.ToString(CultureInfo.InvariantCulture) },
    };

    /// <summary>
    /// Tool mode: the model was asked to respond with <c>search_knowledge</c> available. When it calls the tool (and its
    /// response is done) and the knowledge has arrived, the result goes back as <c>function_call_output</c> and a spoken
    /// response is requested. A model that answers without the tool is simply played.
    /// </summary>
    private void ToolCalling()
    {
        Receive<SpeculatorActor.Ready>(r => r.TurnId == _turn!.Number, ready =>
        {
            var turn = _turn!;
            turn.Timeline = turn.Timeline with { RetrievalDoneMs = SinceEndOfSpeech() };
            turn.Speculation = ready.Stats;
            turn.Sources = ready.Result.Passages.Select(p => new TurnSource(p.Document, p.Chunk, p.Score, p.Heading)).ToList();
            turn.ToolOutput = ToolOutput(turn, ready.Result);
            ReturnToolResultIfReady();
        });
        Receive<SpeculatorActor.Failed>(f => f.TurnId == _turn!.Number, failed =>
        {
            var turn = _turn!;
            turn.Speculation = failed.Stats;
            turn.Timeline = turn.Timeline with { RetrievalDoneMs = SinceEndOfSpeech() };
            turn.ToolOutput = JsonSerializer.Serialize(new ToolAnswer(_settings.Turn.NoAnswerText, []));
            ReturnToolResultIfReady();
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ResponseCreated, e =>
        {
            var id = ((ResponseCreated)e.Event).Response.Id;
            if (!_cancelledResponses.Contains(id))
            {
                _turn!.ToolResponseId ??= id;
                _turn.ResponseId ??= id;
            }
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ResponseFunctionCallArgumentsDone, e =>
        {
            var call = (ResponseFunctionCallArgumentsDone)e.Event;
            if (call.Name == KnowledgeTool.Name)
            {
                _turn!.ToolCallId = call.CallId;
                _turn.ToolResponseId = call.ResponseId;
            }
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ResponseDone && _turn!.ToolCallId is not null, e =>
        {
            if (((ResponseDone)e.Event).Response.Id == _turn!.ToolResponseId)
            {
                _turn.ToolResponseDone = true;
                ReturnToolResultIfReady();
            }
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ResponseOutputAudioDelta, _ =>
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

    private void ReturnToolResultIfReady()
    {
        var turn = _turn!;
        if (turn.ToolCallId is null || !turn.ToolResponseDone || turn.ToolOutput is null)
        {
            return;
        }

        Timers.Cancel(TimeoutTimer);
        _socket.Tell(new RealtimeSocketActor.Send(new ConversationItemCreate(new ConversationItem(ConversationItem.FunctionCallOutput)
        {
            CallId = turn.ToolCallId,
            Output = turn.ToolOutput,
        })));
        turn.ResponseId = null;
        RequestSpokenResponse(turn, null);
    }

    private string ToolOutput(TurnState turn, KnowledgeResult result)
    {
        var answer = !string.IsNullOrWhiteSpace(result.Answer)
            ? result.Answer!
            : AnswerComposer.Compose(turn.Transcript, result.Passages, _settings.Answer)?.Text ?? _settings.Turn.NoAnswerText;
        turn.Answer = answer;
        var passages = result.Passages.Take(_settings.Answer.ContextPassages)
            .Select(p => new ToolPassage(p.Document, p.Heading, p.Text.Trim()))
            .ToList();
        return JsonSerializer.Serialize(new ToolAnswer(answer, passages));
    }

    private void Answering()
    {
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ResponseCreated, e =>
        {
            var id = ((ResponseCreated)e.Event).Response.Id;
            if (_turn!.ResponseId is null && !_cancelledResponses.Contains(id))
            {
                _turn.ResponseId = id;
            }
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ResponseOutputAudioDelta, e =>
        {
            var delta = (ResponseOutputAudioDelta)e.Event;
            var turn = _turn!;
            if (_cancelledResponses.Contains(delta.ResponseId) || (turn.ResponseId is not null && delta.ResponseId != turn.ResponseId))
            {
                return;
            }

            if (turn.AssistantItemId is null)
            {
                Timers.Cancel(TimeoutTimer);
                turn.ResponseId ??= delta.ResponseId;
                turn.AssistantItemId = delta.ItemId;
                turn.Timeline = turn.Timeline with { FirstAudioMs = SinceEndOfSpeech() };
                _log.Info("Turn {0}: first audio at {1:0} ms after end of speech", turn.Number, turn.Timeline.FirstAudioMs);
                // The audio itself flows to playback through the playback stream: accept this response once.
                _playback.Tell(new PlaybackActor.Play(delta.ResponseId, delta.ItemId, $"{turn.Label}-answer", Realtime: turn.Interrupt is not null));
            }
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ResponseOutputAudioTranscriptDelta, e =>
        {
            var delta = (ResponseOutputAudioTranscriptDelta)e.Event;
            if (!_cancelledResponses.Contains(delta.ResponseId))
            {
                _turn!.Spoken.Append(delta.Delta);
            }
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ResponseDone, e =>
        {
            var done = (ResponseDone)e.Event;
            var turn = _turn!;
            if (_cancelledResponses.Contains(done.Response.Id) || (turn.ResponseId is not null && done.Response.Id != turn.ResponseId))
            {
                return;
            }

            Timers.Cancel(TimeoutTimer);
            turn.ResponseStatus = done.Response.Status;
            if (done.Response.Status != RealtimeResponse.Completed)
            {
                turn.Error = $"the response ended {done.Response.Status}" +
                    (done.Response.StatusDetails?.Error?.Message is { } m ? $": {m}" : string.Empty);
            }

            if (turn.AssistantItemId is null)
            {
                Complete(turn);
                return;
            }

            _playback.Tell(new PlaybackActor.EndOfResponse(turn.AssistantItemId));
        });
        Receive<PlaybackActor.PlaybackStarted>(started => started.ItemId == _turn!.AssistantItemId, started =>
        {
            var turn = _turn!;
            turn.PlaybackStartedAt = started.At;
            turn.Timeline = turn.Timeline with { PlaybackStartedMs = SinceEndOfSpeech(started.At) };
            if (turn.Interrupt is not null)
            {
                Timers.StartSingleTimer(InterruptTimer, new FeedInterrupt(turn.Number), TimeSpan.FromMilliseconds(turn.Interrupt.AfterMs));
            }
        });
        Receive<PlaybackActor.PlaybackFinished>(f => f.ItemId == _turn!.AssistantItemId && _interrupted is null, finished =>
        {
            var turn = _turn!;
            turn.AudioPlayedMs = finished.PlayedMs;
            turn.AudioReceivedMs = finished.ReceivedMs;
            turn.AudioFile = finished.File;
            turn.Timeline = turn.Timeline with { PlaybackDoneMs = SinceEndOfSpeech() };
            if (turn.ResponseStatus is not null)
            {
                Complete(turn);
            }
        });
        Receive<FeedInterrupt>(f => f.TurnNumber == _turn?.Number && _turn.Interrupt is not null, _ =>
            Context.Parent.Tell(new InterruptCaptureRequested(_turn!.Interrupt!.WavPath)));

        // Barge-in: detected by the local VAD on the capture stream, or by the server's VAD.
        Receive<CaptureActor.LocalSpeech>(s => s.Kind == VadTransitionKind.SpeechStarted, speech =>
            OnUserSpeechWhileAnswering(null, speech.At, WallClockOf(speech.SessionAudioMs) ?? speech.At, "local-vad", guarded: false));
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is SpeechStarted, e =>
        {
            var started = (SpeechStarted)e.Event;
            var onset = WallClockOf(started.AudioStartMs + (long)_settings.Turn.VadPrefixPadding.TotalMilliseconds) ?? Now;
            OnUserSpeechWhileAnswering(started.ItemId, Now, onset, "server-vad", guarded: true);
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is SpeechStopped && _candidate is not null, e =>
        {
            // The speech ended before it was long enough to interrupt: wait for its words (a backchannel or not).
            Timers.Cancel(BargeInGuardTimer);
            _candidate = _candidate! with { Stopped = true, ItemId = _candidate.ItemId ?? ((SpeechStopped)e.Event).ItemId };
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is InputAudioTranscriptionCompleted && _candidate is { Stopped: true }, e =>
        {
            var completed = (InputAudioTranscriptionCompleted)e.Event;
            if (_candidate!.ItemId is not null && completed.ItemId != _candidate.ItemId)
            {
                return;
            }

            var candidate = _candidate;
            _candidate = null;
            if (IsBackchannel(completed.Transcript))
            {
                _turn!.Backchannels.Add(completed.Transcript.Trim());
                _log.Info("Turn {0}: \"{1}\" is a backchannel; the assistant goes on", _turn.Number, completed.Transcript.Trim());
                return;
            }

            BargeIn(candidate with { DetectedAt = Now }, completed.ItemId);
            OnFinalTranscript(completed.Transcript);
        });
        Receive<BargeInGuardPassed>(g => _candidate is not null && g.TurnNumber == _turn?.Number, _ =>
        {
            var candidate = _candidate!;
            _candidate = null;
            // Detection is the moment the speech proved long enough to interrupt.
            BargeIn(candidate with { DetectedAt = Now }, candidate.ItemId);
            Transition("user speaking", UserSpeaking);
        });
        CommonHandlers();
    }

    private void OnUserSpeechWhileAnswering(string? itemId, DateTimeOffset detectedAt, DateTimeOffset onset, string detectedBy, bool guarded)
    {
        var turn = _turn!;
        if (!_settings.Turn.BargeIn || _settings.Turn.HalfDuplex)
        {
            _log.Info("Turn {0}: user speech while the assistant speaks is ignored ({1})", turn.Number, _settings.Turn.HalfDuplex ? "half-duplex" : "barge-in off");
            return;
        }

        if (_candidate is not null)
        {
            if (guarded)
            {
                // The server reports speech the local VAD is already timing: keep its item id for the next turn.
                _candidate = _candidate with { ItemId = _candidate.ItemId ?? itemId };
                return;
            }

            // The local VAD has now heard the minimum speech: decide at once instead of waiting for the guard timer.
            Timers.Cancel(BargeInGuardTimer);
            var pending = _candidate;
            _candidate = null;
            BargeIn(pending with { DetectedAt = detectedAt, DetectedBy = detectedBy }, pending.ItemId);
            Transition("user speaking", UserSpeaking);
            return;
        }

        var candidate = new BargeInCandidate(itemId, detectedAt, onset, detectedBy, Stopped: false);
        if (!guarded || _settings.Turn.BargeInMinSpeech <= TimeSpan.Zero)
        {
            // The local VAD only reports speech that already lasted the minimum duration.
            BargeIn(candidate, itemId);
            Transition("user speaking", UserSpeaking);
            return;
        }

        _candidate = candidate;
        // The server reports speech after some of it was heard; only the part not yet heard is waited for.
        var heard = Now - onset;
        var remaining = _settings.Turn.BargeInMinSpeech - (heard > TimeSpan.Zero ? heard : TimeSpan.Zero);
        Timers.StartSingleTimer(BargeInGuardTimer, new BargeInGuardPassed(turn.Number), remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1));
    }

    /// <summary>Stops the assistant now and makes the interrupting speech the next turn.</summary>
    private void BargeIn(BargeInCandidate candidate, string? newItemId)
    {
        var old = _turn!;
        Timers.Cancel(TimeoutTimer);
        Timers.Cancel(InterruptTimer);
        _log.Info("Turn {0}: barge-in detected by {1}", old.Number, candidate.DetectedBy);
        _playback.Tell(PlaybackActor.Stop.Instance);
        if (old.ResponseStatus is null)
        {
            _socket.Tell(new RealtimeSocketActor.Send(new ResponseCancel { ResponseId = old.ResponseId }));
        }

        if (old.ResponseId is not null)
        {
            _cancelledResponses.Add(old.ResponseId);
        }

        _speculator.Tell(new SpeculatorActor.CancelTurn(old.Number));
        old.BargeIn = new BargeInState(candidate.DetectedBy, candidate.DetectedAt, candidate.Onset);
        old.Outcome = TurnOutcome.Interrupted;
        _observer.Tell(new TurnStateChanged(old.Number, "barge-in", SinceEndOfSpeech()));
        if (old.AssistantItemId is null)
        {
            // Nothing was played yet: nothing to truncate. A response created later for this turn is cancelled on sight.
            FinishInterrupted(old, playedMs: 0, receivedMs: 0, file: null);
        }
        else
        {
            _interrupted = old;
        }

        StartTurn(old.Label + "-next", ActorRefs.Nobody, null);
        _turn!.UserItemId = newItemId;
    }

    private void FinishInterrupted(TurnState old, long playedMs, long receivedMs, string? file)
    {
        var truncated = Math.Min(playedMs, receivedMs);
        if (old.AssistantItemId is not null)
        {
            // Only what the user heard stays in the conversation.
            _socket.Tell(new RealtimeSocketActor.Send(truncated > 0
                ? new ConversationItemTruncate(old.AssistantItemId, 0, (int)truncated)
                : new ConversationItemDelete(old.AssistantItemId)));
        }

        old.AudioPlayedMs = playedMs;
        old.AudioReceivedMs = receivedMs;
        old.AudioFile = file;
        var bargeIn = old.BargeIn!;
        old.BargeInReport = new BargeInReport(
            bargeIn.DetectedBy,
            Math.Round(Math.Max(0, (bargeIn.DetectedAt - bargeIn.Onset).TotalMilliseconds), 1),
            Math.Round(Math.Max(0, (Now - bargeIn.DetectedAt).TotalMilliseconds), 1),
            playedMs,
            truncated);
        old.HeardAnswer = HeardPart(old.Spoken.ToString().Trim(), playedMs, receivedMs);
        Complete(old);
    }

    /// <summary>The words of the spoken answer the user heard, in proportion to the audio played.</summary>
    public static string HeardPart(string spoken, long playedMs, long receivedMs)
    {
        if (receivedMs <= 0 || playedMs <= 0)
        {
            return string.Empty;
        }

        var words = spoken.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var heard = (int)Math.Floor(words.Length * Math.Min(1.0, playedMs / (double)receivedMs));
        return string.Join(' ', words.Take(heard));
    }

    private void SupersededBy()
    {
        // The user spoke again before the answer: the earlier question is dropped and the new speech is the turn.
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is SpeechStarted && ((SpeechStarted)e.Event).ItemId != _turn?.UserItemId, e =>
        {
            var old = _turn!;
            Timers.Cancel(TimeoutTimer);
            _speculator.Tell(new SpeculatorActor.CancelTurn(old.Number));
            old.Outcome = TurnOutcome.Superseded;
            old.Error ??= "the user spoke again before the answer";
            Complete(old);
            StartTurn(old.Label + "-next", ActorRefs.Nobody, null);
            _turn!.UserItemId = ((SpeechStarted)e.Event).ItemId;
            Transition("user speaking", UserSpeaking);
        });
    }

    private void TranscriptDeltas()
    {
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is InputAudioTranscriptionDelta, e =>
        {
            var delta = (InputAudioTranscriptionDelta)e.Event;
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

    private void CommonHandlers()
    {
        Receive<CaptureActor.CaptureStarted>(started =>
        {
            _captures.Add(started);
            if (_captures.Count > 16)
            {
                _captures.RemoveAt(0);
            }
        });
        Receive<CaptureActor.CaptureCompleted>(_ => { });
        Receive<CaptureActor.CaptureFailed>(failed =>
        {
            if (_turn is not null)
            {
                _turn.Error = "capture failed: " + failed.Reason;
                Complete(_turn);
            }
        });
        Receive<CaptureActor.LocalSpeech>(_ => { });
        Receive<CaptureActor.LocalTranscript>(_ => { });
        Receive<PlaybackActor.PlaybackFinished>(f => _interrupted is not null && f.ItemId == _interrupted.AssistantItemId, finished =>
        {
            var old = _interrupted!;
            _interrupted = null;
            FinishInterrupted(old, finished.PlayedMs, finished.ReceivedMs, finished.File);
        });
        Receive<TimedOut>(t => t.TurnNumber == _turn?.Number, timedOut =>
        {
            var turn = _turn!;
            turn.Error ??= timedOut.What;
            _log.Warning("Turn {0}: {1}", turn.Number, timedOut.What);
            _speculator.Tell(new SpeculatorActor.CancelTurn(turn.Number));
            _playback.Tell(PlaybackActor.Stop.Instance);
            Complete(turn);
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ResponseCreated, e =>
        {
            // A response nobody waits for (its turn was interrupted before it was created): cancel it.
            var id = ((ResponseCreated)e.Event).Response.Id;
            if (_cancelledResponses.Add(id))
            {
                _socket.Tell(new RealtimeSocketActor.Send(new ResponseCancel { ResponseId = id }));
            }
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ErrorEvent, e =>
        {
            var error = ((ErrorEvent)e.Event).Error;
            if (error.Code == "response_cancel_not_active")
            {
                return; // a benign race: the response had already ended.
            }

            _log.Warning("Server error {0}: {1}", error.Code ?? error.Type, error.Message);
            _turn?.ServerErrors.Add($"{error.Code}: {error.Message}");
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => _log.Debug("{0}: ignoring {1}", _turn is null ? "idle" : "turn", e.Event.Type));
        Receive<BeginTurn>(_ => Stash.Stash());
        Receive<SpeculatorActor.Ready>(_ => { });
        Receive<SpeculatorActor.Failed>(_ => { });
        Receive<SpeculatorActor.Cancelled>(_ => { });
        Receive<PlaybackActor.PlaybackStarted>(_ => { });
        Receive<PlaybackActor.PlaybackFinished>(_ => { });
        Receive<TimedOut>(_ => { });
        Receive<FeedInterrupt>(_ => { });
        Receive<BargeInGuardPassed>(_ => { });
        Receive<Abort>(abort =>
        {
            if (_turn is not null)
            {
                _turn.Error ??= abort.Reason;
                _playback.Tell(PlaybackActor.Stop.Instance);
                Complete(_turn);
            }
        });
    }

    private void StartTurn(string label, IActorRef replyTo, Interrupt? interrupt)
    {
        _turnCounter++;
        _turn = new TurnState(_turnCounter, label, replyTo, interrupt);
        _candidate = null;
        Timers.StartSingleTimer(TurnTimer, new TimedOut(_turnCounter, "the turn took too long"), _settings.Turn.TurnTimeout);
    }

    private void Complete(TurnState turn)
    {
        if (turn.Completed)
        {
            return;
        }

        turn.Completed = true;
        var result = new TurnResult(turn.Number, turn.Label)
        {
            Partials = turn.Partials.Distinct().ToList(),
            LocalPartials = turn.LocalPartials.Distinct().ToList(),
            Transcript = turn.Transcript,
            Sources = turn.Sources,
            Answer = turn.Answer,
            SpokenTranscript = turn.Spoken.ToString().Trim(),
            HeardAnswer = turn.HeardAnswer ?? turn.Spoken.ToString().Trim(),
            AudioReceivedMs = turn.AudioReceivedMs,
            AudioPlayedMs = turn.AudioPlayedMs,
            AudioFile = turn.AudioFile,
            Timeline = turn.Timeline,
            Speculation = turn.Speculation,
            BargeIn = turn.BargeInReport,
            Backchannels = turn.Backchannels,
            Outcome = turn.Error is not null && turn.Outcome == TurnOutcome.Answered ? TurnOutcome.Failed : turn.Outcome,
            Error = turn.Outcome == TurnOutcome.Interrupted ? null : turn.Error,
        };
        turn.ReplyTo.Tell(result);
        _observer.Tell(new TurnCompleted(result));
        Context.Parent.Tell(new TurnCompleted(result));
        if (ReferenceEquals(turn, _turn))
        {
            _turn = null;
            Timers.CancelAll();
            _log.Info("Turn {0} → idle", result.TurnNumber);
            Become(Idle);
            _observer.Tell(new TurnStateChanged(result.TurnNumber, "idle", null));
            Stash.UnstashAll();
        }
    }

    /// <summary>Maps a position in the session's input audio to the wall-clock time it was captured.</summary>
    private DateTimeOffset? WallClockOf(long sessionAudioMs)
    {
        for (var i = _captures.Count - 1; i >= 0; i--)
        {
            var capture = _captures[i];
            if (sessionAudioMs >= capture.SessionOffsetMs)
            {
                return capture.At + TimeSpan.FromMilliseconds(sessionAudioMs - capture.SessionOffsetMs);
            }
        }

        return null;
    }

    private bool IsBackchannel(string transcript)
    {
        var normalized = Normalize(transcript);
        return normalized.Length > 0 && _backchannels.Contains(normalized);
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split([' ', ',', '.', '!', '?', '-'], StringSplitOptions.RemoveEmptyEntries));

    private double? SinceEndOfSpeech(DateTimeOffset? at = null) =>
        _turn?.EndOfSpeech is { } end ? Math.Round(((at ?? Now) - end).TotalMilliseconds, 1) : null;

    private void Transition(string state, Action behaviour)
    {
        var since = SinceEndOfSpeech();
        var number = _turn?.Number ?? 0;
        _log.Info("Turn {0} → {1}{2}", number, state, since is null ? string.Empty : $" (+{since:0} ms after end of speech)");
        Become(behaviour);
        _observer.Tell(new TurnStateChanged(number, state, since));
    }

    /// <summary>Start a turn; its <see cref="TurnResult"/> goes to <paramref name="ReplyTo"/>.</summary>
    /// <remarks>With <paramref name="Interrupt"/>, that WAV is captured <c>AfterMs</c> after the answer starts playing (barge-in experiments).</remarks>
    public sealed record BeginTurn(string Label, IActorRef ReplyTo, Interrupt? Interrupt = null);

    /// <summary>Speak <paramref name="WavPath"/> over the answer, <paramref name="AfterMs"/> after its playback starts.</summary>
    public sealed record Interrupt(string WavPath, int AfterMs);

    /// <summary>To the parent: capture the interrupting utterance now.</summary>
    public sealed record InterruptCaptureRequested(string WavPath);

    /// <summary>End the current turn now with an error (e.g. the connection was lost).</summary>
    public sealed record Abort(string Reason);

    private sealed record TimedOut(int TurnNumber, string What);

    private sealed record ToolAnswer(
        [property: JsonPropertyName("answer")] string Answer,
        [property: JsonPropertyName("passages")] IReadOnlyList<ToolPassage> Passages);

    private sealed record ToolPassage(
        [property: JsonPropertyName("document")] string Document,
        [property: JsonPropertyName("heading")] string Heading,
        [property: JsonPropertyName("text")] string Text);

    private sealed record FeedInterrupt(int TurnNumber);

    private sealed record BargeInGuardPassed(int TurnNumber);

    private sealed record BargeInCandidate(string? ItemId, DateTimeOffset DetectedAt, DateTimeOffset Onset, string DetectedBy, bool Stopped);

    private sealed record BargeInState(string DetectedBy, DateTimeOffset DetectedAt, DateTimeOffset Onset);

    private sealed class TurnState(int number, string label, IActorRef replyTo, Interrupt? interrupt)
    {
        public int Number { get; } = number;

        public string Label { get; } = label;

        public IActorRef ReplyTo { get; } = replyTo;

        public Interrupt? Interrupt { get; } = interrupt;

        public string? UserItemId { get; set; }

        public DateTimeOffset? EndOfSpeech { get; set; }

        public StringBuilder PartialText { get; } = new();

        public List<string> Partials { get; } = [];

        public List<string> LocalPartials { get; } = [];

        public string Transcript { get; set; } = string.Empty;

        public List<TurnSource> Sources { get; set; } = [];

        public SpeculationStats? Speculation { get; set; }

        public string Answer { get; set; } = string.Empty;

        public bool ResponseRequested { get; set; }

        public string? ToolCallId { get; set; }

        public string? ToolResponseId { get; set; }

        public bool ToolResponseDone { get; set; }

        public string? ToolOutput { get; set; }

        public string? ResponseId { get; set; }

        public string? AssistantItemId { get; set; }

        public string? ResponseStatus { get; set; }

        public DateTimeOffset? PlaybackStartedAt { get; set; }

        public StringBuilder Spoken { get; } = new();

        public string? HeardAnswer { get; set; }

        public long AudioPlayedMs { get; set; }

        public long AudioReceivedMs { get; set; }

        public string? AudioFile { get; set; }

        public TurnTimeline Timeline { get; set; } = new();

        public BargeInState? BargeIn { get; set; }

        public BargeInReport? BargeInReport { get; set; }

        public List<string> Backchannels { get; } = [];

        public List<string> ServerErrors { get; } = [];

        public TurnOutcome Outcome { get; set; } = TurnOutcome.Answered;

        public string? Error { get; set; }

        public bool Completed { get; set; }
    }
}
