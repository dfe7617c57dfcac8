using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions.Responses;
using ActorVoice.LocalServer.Sessions.Transport;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Session;
using Microsoft.Extensions.Logging;

namespace ActorVoice.LocalServer.Sessions.Input;

/// <summary>
/// Puts a committed user turn into the conversation and, when the session asks for transcription, completes its
/// transcript from the turn's <see cref="UtteranceWorker"/>: a turn heard under VAD was decoded while it was spoken, a
/// manually committed buffer is decoded once committed. A VAD turn then starts the response when turn detection says
/// so. Runs on the session's loop; the decoding does not.
/// </summary>
internal sealed class UserTurnCommitter(
    SessionState state, ServerEventOutbox outbox, ResponseSynthesizer responses, SpeechServices speech, RecognitionSettings recognition, SessionInbox inbox, ILogger logger)
    : IDisposable
{
    // Turns heard under VAD, in the order they ended: each is committed once its worker has sent the rest of its partial
    // and every turn before it is committed, so that a decoder slow to come does not reorder the conversation.
    private readonly List<HeardTurn> _heard = [];

    // Committed turns waiting for their transcript.
    private readonly Dictionary<UtteranceWorker, PendingTurn> _transcribing = [];

    // Turns decoded with transcription off: heard for the offline answerer, never transcribed to the client.
    private readonly HashSet<UtteranceWorker> _silent = [];

    /// <summary>
    /// True when user audio is to be decoded: the client asked for transcription, or the offline answerer needs to know
    /// what was asked (a model hears the user whether or not a transcript was requested).
    /// </summary>
    public bool Hears => state.Configuration.TranscriptionOn || speech.Answerer is not null;

    /// <summary>Starts decoding the turn that becomes <paramref name="itemId"/>; audio follows through the worker.</summary>
    public UtteranceWorker StartUtterance(string itemId)
    {
        var utterance = new UtteranceWorker(itemId, speech.Recognizers, recognition.StableUpdates, recognition.QueueTimeout, inbox);
        if (!state.Configuration.TranscriptionOn)
        {
            _silent.Add(utterance);
        }

        return utterance;
    }

    /// <summary>
    /// Speech stopped: after the silence window the first-pass hypothesis is settled, so its last words go out first
    /// (clients act on the whole question early: speculative retrieval), then the turn is committed; the slower final
    /// decode follows. Null <paramref name="utterance"/>: the turn was not being transcribed.
    /// </summary>
    public void SpeechStopped(string itemId, UtteranceWorker? utterance, double seconds)
    {
        _heard.Add(new HeardTurn(itemId, utterance, seconds) { Flushed = utterance is null });
        utterance?.End(flush: true);
        CommitHeardTurns();
    }

    /// <summary>
    /// A turn heard under VAD, committed by the client before its speech stopped: committed now, or as soon as the
    /// turns that ended before it are (its transcript follows from <paramref name="utterance"/>, if any).
    /// </summary>
    public void CommitHeard(string itemId, UtteranceWorker? utterance, double seconds)
    {
        _heard.Add(new HeardTurn(itemId, utterance, seconds) { Flushed = true });
        CommitHeardTurns();
    }

    private void CommitHeardTurns()
    {
        while (_heard.Count > 0 && _heard[0].Flushed)
        {
            var turn = _heard[0];
            _heard.RemoveAt(0);
            Commit(turn.ItemId, turn.Utterance, turn.Seconds);
        }
    }

    private void Commit(string itemId, UtteranceWorker? utterance, double seconds)
    {
        var (item, previous) = Add(itemId);
        if (!state.Configuration.TranscriptionOn)
        {
            // Done at once, as the service does without transcription; the response may await what the decode hears.
            Hear(item, previous, utterance, seconds, autoRespond: false);
            MaybeAutoRespond();
            return;
        }

        if (utterance is null)
        {
            FailTranscription(itemId, new RecognizerUnavailableException());
            return;
        }

        Hear(item, previous, utterance, seconds, autoRespond: true);
    }

    /// <summary>Awaits the final decode of <paramref name="utterance"/> for <paramref name="item"/> (none: nothing is heard).</summary>
    private void Hear(ConversationItem item, string? previous, UtteranceWorker? utterance, double seconds, bool autoRespond)
    {
        if (utterance is null)
        {
            return;
        }

        if (_silent.Contains(utterance) && !Hears)
        {
            Drop(utterance);
            return;
        }

        state.Conversation.ExpectHeard(item.Id!);
        _transcribing[utterance] = new PendingTurn(item, previous, seconds, autoRespond);
        utterance.End(flush: false);
    }

    private void Drop(UtteranceWorker utterance)
    {
        _silent.Remove(utterance);
        utterance.Abandon();
    }

    /// <summary>A manually committed buffer: decoded by a worker of its own.</summary>
    public void CommitBuffered(string itemId, short[] audio)
    {
        var (item, previous) = Add(itemId);
        if (!Hears)
        {
            return;
        }

        var utterance = StartUtterance(itemId);
        foreach (var slice in WireAudioTime.Slices(audio, WireAudioTime.SliceSamples))
        {
            utterance.Feed(slice.Span);
        }

        Hear(item, previous, utterance, audio.Length / (double)WireAudio.SampleRate, autoRespond: false);
    }

    /// <summary>What a worker learnt; ignored when its turn was abandoned.</summary>
    public void Handle(UtteranceWorker.Message message)
    {
        var utterance = message.Source;
        if (utterance.Abandoned)
        {
            return;
        }

        switch (message)
        {
            case UtteranceWorker.DeltaReady ready:
                if (!_silent.Contains(utterance))
                {
                    outbox.Emit(new InputAudioTranscriptionDelta(utterance.ItemId, 0, ready.Delta));
                }

                break;
            case UtteranceWorker.Flushed flushed:
                if (flushed.Delta is { } rest && !_silent.Contains(utterance))
                {
                    outbox.Emit(new InputAudioTranscriptionDelta(utterance.ItemId, 0, rest));
                }

                if (_heard.Find(t => t.Utterance == utterance) is { } heard)
                {
                    heard.Flushed = true;
                    CommitHeardTurns();
                }

                break;
            case UtteranceWorker.Decoded decoded when _transcribing.Remove(utterance, out var turn):
                state.Conversation.Heard(utterance.ItemId, decoded.Transcript);
                if (!_silent.Remove(utterance))
                {
                    CompleteTranscription(turn, decoded);
                }

                break;
            case UtteranceWorker.Failed failed when _transcribing.Remove(utterance, out var turn):
                state.Conversation.Heard(utterance.ItemId, string.Empty);
                if (_silent.Remove(utterance))
                {
                    logger.LogWarning(failed.Error, "Session {SessionId}: decoding {ItemId} failed", state.Configuration.SessionId, utterance.ItemId);
                    break;
                }

                FailTranscription(utterance.ItemId, failed.Error);
                // A server that cannot transcribe (no decoder at all, or none free in time) has nothing to answer; a
                // decode that failed mid-way still gets its turn.
                if (turn.AutoRespond && failed.Error is not (RecognizerUnavailableException or RecognizerBusyException))
                {
                    MaybeAutoRespond();
                }

                break;
        }
    }

    /// <summary>
    /// Adds the turn to the conversation; returns it and the item before it. With transcription off the item is done
    /// at once (no transcript follows).
    /// </summary>
    private (ConversationItem Item, string? PreviousItemId) Add(string itemId)
    {
        var item = new ConversationItem(ConversationItem.Message)
        {
            Id = itemId,
            Object = "realtime.item",
            Status = "completed",
            Role = "user",
            Content = [new ContentPart(ContentPart.InputAudio)],
        };
        var previous = state.Conversation.AddUserAudio(item);
        outbox.Emit(new InputAudioBufferCommitted(itemId) { PreviousItemId = previous });
        outbox.Emit(new ConversationItemAdded(item) { PreviousItemId = previous });
        if (!state.Configuration.TranscriptionOn)
        {
            outbox.Emit(new ConversationItemDone(item) { PreviousItemId = previous });
        }

        return (item, previous);
    }

    private void CompleteTranscription(PendingTurn turn, UtteranceWorker.Decoded result)
    {
        var item = turn.Item;
        if (!string.IsNullOrEmpty(result.RemainingDelta))
        {
            outbox.Emit(new InputAudioTranscriptionDelta(item.Id!, 0, result.RemainingDelta));
        }

        outbox.Emit(new InputAudioTranscriptionCompleted(item.Id!, 0, result.Transcript) { Usage = TranscriptionUsage.ForDuration(WholeSeconds(turn.Seconds)) });
        var done = item with { Content = [new ContentPart(ContentPart.InputAudio) { Transcript = result.Transcript }] };
        state.Conversation.Replace(done);
        outbox.Emit(new ConversationItemDone(done) { PreviousItemId = turn.PreviousItemId });
        if (turn.AutoRespond)
        {
            MaybeAutoRespond();
        }
    }

    // The schema types seconds as a number, but the OpenAI .NET client (2.15) reads it with GetInt64:
    // whole seconds satisfy both.
    private static double WholeSeconds(double seconds) => Math.Ceiling(Math.Max(0, seconds));

    private void FailTranscription(string itemId, Exception ex)
    {
        logger.LogWarning(ex, "Session {SessionId}: transcription of {ItemId} failed", state.Configuration.SessionId, itemId);
        var code = ex is RecognizerBusyException ? "server_busy" : "audio_unintelligible";
        outbox.Emit(new InputAudioTranscriptionFailed(itemId, 0, new RealtimeError("transcription_error", $"Transcription failed: {ex.Message}") { Code = code }));
    }

    private void MaybeAutoRespond()
    {
        if (state.Configuration.TurnDetection is { CreateResponse: not false })
        {
            responses.Start(null);
        }
    }

    /// <summary>The session ended: turns still decoding are dropped.</summary>
    public void Dispose()
    {
        foreach (var utterance in _heard.Select(t => t.Utterance).OfType<UtteranceWorker>().Concat(_transcribing.Keys))
        {
            utterance.Abandon();
        }

        _heard.Clear();
        _transcribing.Clear();
        _silent.Clear();
        state.Conversation.AbandonHeard();
    }

    private sealed class HeardTurn(string itemId, UtteranceWorker? utterance, double seconds)
    {
        public string ItemId { get; } = itemId;

        public UtteranceWorker? Utterance { get; } = utterance;

        public double Seconds { get; } = seconds;

        /// <summary>Its worker sent the rest of the partial (or there is none to wait for).</summary>
        public bool Flushed { get; set; }
    }

    private sealed record PendingTurn(ConversationItem Item, string? PreviousItemId, double Seconds, bool AutoRespond);
}
