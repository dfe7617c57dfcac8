using System.Text;
using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Answers;
using ActorVoice.Engine.Capture;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Playback;
using ActorVoice.Engine.Realtime;
using ActorVoice.Engine.Retrieval;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.Engine.Turns;

/// <summary>
/// The turn state machine: listening → user speaking → awaiting transcript → retrieving → answering (until
/// the response is done and playback has ended) → back to idle. It reacts to the realtime server's events,
/// asks the retriever, injects the composed answer (<c>conversation.item.create</c> + <c>response.create</c>),
/// routes the assistant's audio to playback and records the per-turn timeline. Every transition is logged
/// with its time since the end of speech.
/// </summary>
public sealed class TurnActor : ReceiveActor, IWithTimers
{
    private const string TimeoutTimer = "timeout";
    private const string TurnTimer = "turn";
    private readonly EngineSettings _settings;
    private readonly IActorRef _socket;
    private readonly IActorRef _retriever;
    private readonly IActorRef _playback;
    private readonly IActorRef _observer;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private TurnState? _turn;
    private long _retrievalRequests;

    public TurnActor(EngineSettings settings, IActorRef socket, IActorRef retriever, IActorRef playback, IActorRef observer)
    {
        _settings = settings;
        _socket = socket;
        _retriever = retriever;
        _playback = playback;
        _observer = observer;
        Idle();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(EngineSettings settings, IActorRef socket, IActorRef retriever, IActorRef playback, IActorRef observer) =>
        Akka.Actor.Props.Create(() => new TurnActor(settings, socket, retriever, playback, observer));

    private static DateTimeOffset Now => Context.System.Scheduler.Now;

    private void Idle()
    {
        Receive<BeginTurn>(begin =>
        {
            _turn = new TurnState(begin.TurnNumber, begin.Label, begin.ReplyTo, Now);
            Timers.StartSingleTimer(TurnTimer, new TimedOut("the turn took too long"), _settings.Turn.TurnTimeout);
            Transition("listening", Listening);
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => _log.Debug("Idle: ignoring {0}", e.Event.Type));
        CommonHandlers();
    }

    private void Listening()
    {
        Receive<CaptureActor.CaptureStarted>(started => _turn!.Capture = started);
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is SpeechStarted, e =>
        {
            _turn!.UserItemId = ((SpeechStarted)e.Event).ItemId;
            Transition("user speaking", UserSpeaking);
        });
        CaptureEnded();
        CommonHandlers();
    }

    private void UserSpeaking()
    {
        Receive<CaptureActor.CaptureStarted>(started => _turn!.Capture = started);
        TranscriptDeltas();
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is SpeechStopped, e =>
        {
            var stopped = (SpeechStopped)e.Event;
            var turn = _turn!;
            turn.UserItemId ??= stopped.ItemId;
            turn.EndOfSpeech = turn.Capture is null
                ? Now
                : turn.Capture.At + TimeSpan.FromMilliseconds(stopped.AudioEndMs - turn.Capture.SessionOffsetMs);
            turn.Timeline = turn.Timeline with { SpeechStoppedMs = SinceEndOfSpeech() };
            Timers.StartSingleTimer(TimeoutTimer, new TimedOut("no final transcript arrived"), _settings.Turn.TranscriptTimeout);
            Transition("awaiting transcript", AwaitingTranscript);
        });
        CaptureEnded();
        CommonHandlers();
    }

    private void AwaitingTranscript()
    {
        TranscriptDeltas();
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is InputAudioTranscriptionCompleted, e =>
        {
            var completed = (InputAudioTranscriptionCompleted)e.Event;
            var turn = _turn!;
            if (turn.UserItemId is not null && completed.ItemId != turn.UserItemId)
            {
                _log.Debug("Transcript for another item {0}; waiting for {1}", completed.ItemId, turn.UserItemId);
                return;
            }

            Timers.Cancel(TimeoutTimer);
            turn.Transcript = completed.Transcript.Trim();
            turn.Timeline = turn.Timeline with { TranscriptFinalMs = SinceEndOfSpeech() };
            _observer.Tell(new FinalTranscript(turn.Number, turn.Transcript));
            if (turn.Transcript.Length == 0)
            {
                Answer(null, "Sorry, I did not catch that. Could you say it again?");
                return;
            }

            var requestId = ++_retrievalRequests;
            turn.RetrievalRequestId = requestId;
            _retriever.Tell(new RetrieverActor.Retrieve(requestId, turn.Transcript));
            Timers.StartSingleTimer(TimeoutTimer, new TimedOut("retrieval took too long"), _settings.Retrieval.Timeout + TimeSpan.FromSeconds(1));
            Transition("retrieving", Retrieving);
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is InputAudioTranscriptionFailed, e =>
        {
            Timers.Cancel(TimeoutTimer);
            _turn!.Timeline = _turn.Timeline with { TranscriptFinalMs = SinceEndOfSpeech() };
            Answer(null, "Sorry, I did not catch that. Could you say it again?");
        });
        CaptureEnded();
        CommonHandlers();
    }

    private void Retrieving()
    {
        Receive<RetrieverActor.Retrieved>(r => r.RequestId == _turn!.RetrievalRequestId, retrieved =>
        {
            Timers.Cancel(TimeoutTimer);
            var turn = _turn!;
            turn.Timeline = turn.Timeline with { RetrievalDoneMs = SinceEndOfSpeech() };
            turn.Sources = retrieved.Hits
                .Select(h => new TurnSource(h.Chunk.Document, h.Chunk.ChunkIndex, h.Score, h.Chunk.HeadingPath))
                .ToList();
            var composed = AnswerComposer.Compose(turn.Transcript, retrieved.Hits, _settings.Answer);
            Answer(composed, _settings.Turn.NoAnswerText);
        });
        Receive<RetrieverActor.RetrievalFailed>(f => f.RequestId == _turn!.RetrievalRequestId, failed =>
        {
            Timers.Cancel(TimeoutTimer);
            _log.Warning("Retrieval failed: {0}", failed.Reason);
            _turn!.Timeline = _turn.Timeline with { RetrievalDoneMs = SinceEndOfSpeech() };
            Answer(null, _settings.Turn.NoAnswerText);
        });
        TranscriptDeltas();
        CaptureEnded();
        CommonHandlers();
    }

    private void Answer(ComposedAnswer? composed, string fallback)
    {
        var turn = _turn!;
        turn.Answer = composed?.Text ?? fallback;
        // The answer goes in as a system message; the response reads it out. The local server speaks the newest
        // injected text verbatim; a model is instructed to do the same.
        _socket.Tell(new RealtimeSocketActor.Send(new ConversationItemCreate(ConversationItem.TextMessage("system", turn.Answer))));
        _socket.Tell(new RealtimeSocketActor.Send(new ResponseCreate
        {
            Response = new ResponseCreateParams
            {
                Metadata = new Dictionary<string, string> { ["actorvoice_turn"] = turn.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
        }));
        Timers.StartSingleTimer(TimeoutTimer, new TimedOut("no assistant audio arrived"), _settings.Turn.ResponseTimeout);
        Transition("answering", Answering);
    }

    private void Answering()
    {
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ResponseCreated, e => _turn!.ResponseId = ((ResponseCreated)e.Event).Response.Id);
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ResponseOutputAudioDelta, e =>
        {
            var delta = (ResponseOutputAudioDelta)e.Event;
            var turn = _turn!;
            if (turn.ResponseId is not null && delta.ResponseId != turn.ResponseId)
            {
                return;
            }

            if (turn.AssistantItemId is null)
            {
                Timers.Cancel(TimeoutTimer);
                turn.AssistantItemId = delta.ItemId;
                turn.Timeline = turn.Timeline with { FirstAudioMs = SinceEndOfSpeech() };
                _log.Info("Turn {0}: first audio at {1:0} ms after end of speech", turn.Number, turn.Timeline.FirstAudioMs);
            }

            _playback.Tell(new PlaybackActor.Play(delta.ItemId, delta.Delta, $"{turn.Label}-answer"));
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ResponseOutputAudioTranscriptDelta, e =>
            _turn!.Spoken.Append(((ResponseOutputAudioTranscriptDelta)e.Event).Delta));
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ResponseDone, e =>
        {
            var done = (ResponseDone)e.Event;
            var turn = _turn!;
            if (turn.ResponseId is not null && done.Response.Id != turn.ResponseId)
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
                Complete();
                return;
            }

            _playback.Tell(new PlaybackActor.EndOfResponse(turn.AssistantItemId));
        });
        Receive<PlaybackActor.PlaybackStarted>(started =>
        {
            var turn = _turn!;
            turn.Timeline = turn.Timeline with { PlaybackStartedMs = SinceEndOfSpeech(started.At) };
        });
        Receive<PlaybackActor.PlaybackFinished>(finished =>
        {
            var turn = _turn!;
            turn.AudioPlayedMs = finished.PlayedMs;
            turn.AudioReceivedMs = finished.ReceivedMs;
            turn.AudioFile = finished.File;
            turn.Timeline = turn.Timeline with { PlaybackDoneMs = SinceEndOfSpeech() };
            if (turn.ResponseStatus is not null)
            {
                Complete();
            }
        });
        CaptureEnded();
        CommonHandlers();
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

            turn.PartialText.Append(delta.Delta);
            var partial = turn.PartialText.ToString().Trim();
            turn.Partials.Add(partial);
            _observer.Tell(new PartialTranscript(turn.Number, partial));
        });
    }

    private void CaptureEnded()
    {
        Receive<CaptureActor.CaptureCompleted>(_ => { });
        Receive<CaptureActor.CaptureFailed>(failed =>
        {
            _turn!.Error = "capture failed: " + failed.Reason;
            Complete();
        });
    }

    private void CommonHandlers()
    {
        Receive<TimedOut>(timedOut =>
        {
            if (_turn is null)
            {
                return;
            }

            _turn.Error ??= timedOut.What;
            _log.Warning("Turn {0}: {1}", _turn.Number, timedOut.What);
            _playback.Tell(PlaybackActor.Stop.Instance);
            Complete();
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ErrorEvent, e =>
        {
            var error = ((ErrorEvent)e.Event).Error;
            _log.Warning("Server error {0}: {1}", error.Code ?? error.Type, error.Message);
            if (_turn is not null)
            {
                _turn.ServerErrors.Add($"{error.Code}: {error.Message}");
            }
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => _log.Debug("{0}: ignoring {1}", _turn is null ? "idle" : "turn", e.Event.Type));
        Receive<BeginTurn>(begin => begin.ReplyTo.Tell(new TurnResult(begin.TurnNumber, begin.Label) { Error = "another turn is in progress" }));
        Receive<RetrieverActor.Retrieved>(_ => { });
        Receive<RetrieverActor.RetrievalFailed>(_ => { });
        Receive<PlaybackActor.PlaybackStarted>(_ => { });
        Receive<PlaybackActor.PlaybackFinished>(_ => { });
        Receive<CaptureActor.CaptureStarted>(_ => { });
        Receive<Abort>(abort =>
        {
            if (_turn is not null)
            {
                _turn.Error ??= abort.Reason;
                _playback.Tell(PlaybackActor.Stop.Instance);
                Complete();
            }
        });
    }

    private void Complete()
    {
        var turn = _turn;
        if (turn is null)
        {
            return;
        }

        _turn = null;
        Timers.CancelAll();
        var result = new TurnResult(turn.Number, turn.Label)
        {
            Partials = turn.Partials.Distinct().ToList(),
            Transcript = turn.Transcript,
            Sources = turn.Sources,
            Answer = turn.Answer,
            SpokenTranscript = turn.Spoken.ToString().Trim(),
            AudioReceivedMs = turn.AudioReceivedMs,
            AudioPlayedMs = turn.AudioPlayedMs,
            AudioFile = turn.AudioFile,
            Timeline = turn.Timeline,
            Error = turn.Error,
        };
        turn.ReplyTo.Tell(result);
        _observer.Tell(new TurnCompleted(result));
        Context.Parent.Tell(new TurnCompleted(result));
        _log.Info("Turn {0} → idle", result.TurnNumber);
        Become(Idle);
        _observer.Tell(new TurnStateChanged(result.TurnNumber, "idle", null));
    }

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

    /// <summary>Start turn <paramref name="TurnNumber"/>; the <see cref="TurnResult"/> goes to <paramref name="ReplyTo"/>.</summary>
    public sealed record BeginTurn(int TurnNumber, string Label, IActorRef ReplyTo);

    /// <summary>End the current turn now with an error (e.g. the connection was lost).</summary>
    public sealed record Abort(string Reason);

    private sealed record TimedOut(string What);

    private sealed class TurnState(int number, string label, IActorRef replyTo, DateTimeOffset begunAt)
    {
        public int Number { get; } = number;

        public string Label { get; } = label;

        public IActorRef ReplyTo { get; } = replyTo;

        public DateTimeOffset BegunAt { get; } = begunAt;

        public CaptureActor.CaptureStarted? Capture { get; set; }

        public string? UserItemId { get; set; }

        public DateTimeOffset? EndOfSpeech { get; set; }

        public StringBuilder PartialText { get; } = new();

        public List<string> Partials { get; } = [];

        public string Transcript { get; set; } = string.Empty;

        public long RetrievalRequestId { get; set; }

        public IReadOnlyList<TurnSource> Sources { get; set; } = [];

        public string Answer { get; set; } = string.Empty;

        public string? ResponseId { get; set; }

        public string? AssistantItemId { get; set; }

        public string? ResponseStatus { get; set; }

        public StringBuilder Spoken { get; } = new();

        public long AudioPlayedMs { get; set; }

        public long AudioReceivedMs { get; set; }

        public string? AudioFile { get; set; }

        public TurnTimeline Timeline { get; set; } = new();

        public List<string> ServerErrors { get; } = [];

        public string? Error { get; set; }
    }
}
