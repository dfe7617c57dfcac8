using System.Globalization;
using Akka.Actor;
using ActorVoice.Audio.Vad;
using ActorVoice.Engine.Capture;
using ActorVoice.Engine.Realtime;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.Lab.Runners.Simulated;

/// <summary>
/// Stands in for the realtime socket and the capture stage of one turn. On <see cref="Start"/> it plays the turn's
/// script to the turn actor at the scripted virtual times: capture start, speech start (service and local VAD),
/// partial transcripts (as the server's append-only transcription deltas: the words beyond those already sent; and,
/// when the engine runs its local recognizer, as whole local partials, rewrites included), the local VAD's end of
/// speech, the service's speech_stopped and commit, and the final transcript. It answers the turn's client events
/// like a realtime server: response.create gets response.created at once and its audio after the scripted first-audio
/// latency (a bridge's own latency and duration for an acknowledgement), response.cancel cancels it.
/// </summary>
public sealed class ScriptedRealtimePeer : ReceiveActor, IWithTimers
{
    private const string UserItem = "item_user";
    private readonly SimulatedTurn _turn;
    private readonly bool _localRecognizer;
    private IActorRef _target = ActorRefs.Nobody;
    private string? _lastSystemText;
    private int _emits;

    public ScriptedRealtimePeer(SimulatedTurn turn, bool localRecognizer)
    {
        _turn = turn;
        _localRecognizer = localRecognizer;
        Receive<Start>(OnStart);
        Receive<Emit>(OnEmit);
        Receive<RealtimeSocketActor.Send>(send => OnClientEvent(send.Event));
        ReceiveAny(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SimulatedTurn turn, bool localRecognizer) =>
        Akka.Actor.Props.Create(() => new ScriptedRealtimePeer(turn, localRecognizer));

    private static DateTimeOffset Now => Context.System.Scheduler.Now;

    private void OnStart(Start start)
    {
        _target = start.Turn;
        var script = _turn.Script;
        var speechMs = (int)Math.Round(script.SpeechDurationMs, MidpointRounding.AwayFromZero);
        // Session audio is in whole milliseconds; the capture is placed so that the audio's end (speechMs) is exactly
        // the script's end of speech, the lab's time 0, in the turn's own timeline too.
        var captureAt = _turn.EndOfSpeech - TimeSpan.FromMilliseconds(speechMs);
        _target.Tell(new CaptureActor.CaptureStarted(0, speechMs + 1200, captureAt));
        At(0, new SpeechStarted(0, UserItem));
        At(0, new CaptureActor.LocalSpeech(VadTransitionKind.SpeechStarted, 0, _turn.SpeechStart));
        var sentWords = 0;
        foreach (var partial in script.Partials)
        {
            var words = partial.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var fromStart = script.SpeechDurationMs + partial.AtMs;
            var sessionMs = (long)Math.Round(fromStart, MidpointRounding.AwayFromZero);
            if (_localRecognizer)
            {
                At(fromStart, new CaptureActor.LocalTranscript(false, partial.Text, sessionMs), partial: true);
            }
            else if (words.Length > sentWords)
            {
                var delta = (sentWords > 0 ? " " : string.Empty) + string.Join(' ', words.Skip(sentWords));
                sentWords = words.Length;
                At(fromStart, new InputAudioTranscriptionDelta(UserItem, 0, delta), partial: true);
            }
        }

        var end = script.SpeechDurationMs;
        var local = end + script.SpeechEndLocalMs;
        if (_localRecognizer)
        {
            At(local, new CaptureActor.LocalTranscript(true, script.LocalText, speechMs));
        }

        At(local, new CaptureActor.LocalSpeech(VadTransitionKind.SpeechStopped, speechMs, _turn.EndOfSpeech + TimeSpan.FromMilliseconds(script.SpeechEndLocalMs)));
        At(end + script.SpeechEndServiceMs, new SpeechStopped(speechMs, UserItem));
        At(end + script.SpeechEndServiceMs, new InputAudioBufferCommitted(UserItem));
        At(end + script.FinalTranscriptMs, new InputAudioTranscriptionCompleted(UserItem, 0, script.FinalText));
    }

    /// <summary>Sends <paramref name="message"/> to the turn <paramref name="fromSpeechStartMs"/> after the start of speech.</summary>
    private void At(double fromSpeechStartMs, object message, bool partial = false, string? responseId = null)
    {
        var at = _turn.SpeechStart + TimeSpan.FromMilliseconds(Math.Max(0, fromSpeechStartMs));
        var delay = at - Now;
        Timers.StartSingleTimer("emit-" + (++_emits).ToString(CultureInfo.InvariantCulture), new Emit(message, partial, responseId), delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
    }

    private void OnEmit(Emit emit)
    {
        var response = emit.ResponseId is null ? null : _turn.Responses.Find(r => r.Id == emit.ResponseId);
        if (response is { Cancelled: true })
        {
            return;
        }

        if (emit.Partial)
        {
            _turn.PartialsAt.Add(Now);
        }

        if (response is not null && emit.Message is ResponseOutputAudioDelta)
        {
            response.AudioAt ??= Now;
        }

        _target.Tell(emit.Message, Self);
    }

    private void OnClientEvent(ClientEvent e)
    {
        switch (e)
        {
            case ConversationItemCreate create when create.Item.Role == "system":
                _lastSystemText = create.Item.Content is { Count: > 0 } content ? content[0].Text : null;
                break;
            case ResponseCreate create:
                Respond(create);
                break;
            case ResponseCancel cancel:
                Cancel(cancel.ResponseId);
                break;
            default:
                break;
        }
    }

    private void Respond(ResponseCreate create)
    {
        var n = (_turn.Responses.Count + 1).ToString(CultureInfo.InvariantCulture);
        var bridge = IsBridge(create);
        var script = _turn.Script;
        var response = new SimulatedResponse(
            "resp_" + n,
            "item_assistant_" + n,
            bridge,
            Now,
            bridge ? script.BridgeFirstAudioLatencyMs : script.FirstAudioLatencyMs,
            bridge ? script.BridgeDurationMs : script.AnswerDurationMs);
        _turn.Responses.Add(response);
        _target.Tell(new ResponseCreated(new RealtimeResponse(response.Id, RealtimeResponse.InProgress)), Self);
        var audioAt = (Now - _turn.SpeechStart).TotalMilliseconds + response.FirstAudioLatencyMs;
        var words = bridge ? _turn.BridgeText ?? "One moment." : "Here is the answer.";
        At(audioAt, new ResponseOutputAudioTranscriptDelta(response.Id, response.ItemId, 0, 0, words), responseId: response.Id);
        At(audioAt, new ResponseOutputAudioDelta(response.Id, response.ItemId, 0, 0, "AAAA"), responseId: response.Id);
        At(audioAt, new ResponseDone(new RealtimeResponse(response.Id, RealtimeResponse.Completed)), responseId: response.Id);
    }

    private void Cancel(string? responseId)
    {
        var response = responseId is null ? _turn.Responses.FindLast(r => !r.Cancelled) : _turn.Responses.Find(r => r.Id == responseId);
        if (response is null || response.Cancelled || response.AudioAt is not null)
        {
            // Already done: a real server answers with an error the turn ignores.
            return;
        }

        response.Cancelled = true;
        _target.Tell(new ResponseDone(new RealtimeResponse(response.Id, RealtimeResponse.Cancelled)), Self);
    }

    /// <summary>An acknowledgement rather than the answer: tagged as a bridge, or it reads the configured bridge text.</summary>
    private bool IsBridge(ResponseCreate create)
    {
        var p = create.Response;
        if (p?.Metadata is { } metadata && metadata.Any(kv => Mentions(kv.Key) || Mentions(kv.Value)))
        {
            return true;
        }

        var text = _turn.BridgeText;
        return text is not null && ((p?.Instructions?.Contains(text, StringComparison.Ordinal) ?? false) || _lastSystemText == text);
    }

    private static bool Mentions(string? s) => s is not null && s.Contains("bridge", StringComparison.OrdinalIgnoreCase);

    /// <summary>Play the script to <paramref name="Turn"/> (the turn actor), starting now.</summary>
    public sealed record Start(IActorRef Turn);

    private sealed record Emit(object Message, bool Partial, string? ResponseId);
}
