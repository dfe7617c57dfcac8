using ActorVoice.LocalServer.Sessions.Responses;
using ActorVoice.LocalServer.Sessions.Transport;
using ActorVoice.LocalServer.Transcription;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Session;
using Microsoft.Extensions.Logging;

namespace ActorVoice.LocalServer.Sessions.Input;

/// <summary>
/// Puts a committed user turn into the conversation and, when the session asks for transcription, completes its
/// transcript: a turn heard under VAD was decoded while it was spoken, a manually committed buffer is decoded in the
/// background. A VAD turn then starts the response when turn detection says so.
/// </summary>
internal sealed class UserTurnCommitter(
    SessionState state, ServerEventOutbox outbox, ResponseSynthesizer responses, SpeechServices speech, int stableUpdates, ILogger logger)
{
    /// <summary>A turn whose audio went through <paramref name="utterance"/> as it arrived (null: recognizer unavailable).</summary>
    public void CommitStreamed(string itemId, UtteranceRecognition? utterance, double seconds)
    {
        if (Add(itemId) is not (ConversationItem item, var previous))
        {
            utterance?.Dispose();
            return;
        }

        if (utterance is null)
        {
            FailTranscription(itemId, new InvalidOperationException("speech recognition is unavailable on this server"));
            return;
        }

        try
        {
            CompleteTranscription(item, previous, utterance.Finish(), seconds);
        }
        catch (Exception ex)
        {
            FailTranscription(itemId, ex);
        }
        finally
        {
            utterance.Dispose();
        }

        MaybeAutoRespond();
    }

    /// <summary>A manually committed buffer: transcribed off the receive loop.</summary>
    public void CommitBuffered(string itemId, short[] audio)
    {
        if (Add(itemId) is not (ConversationItem item, var previous))
        {
            return;
        }

        _ = Task.Run(() =>
        {
            try
            {
                using var recognition = new UtteranceRecognition(speech.Recognizers, WireAudio.SampleRate, stableUpdates);
                foreach (var slice in WireAudioTime.Slices(audio, WireAudioTime.SliceSamples))
                {
                    if (recognition.Feed(slice.Span) is { } delta)
                    {
                        outbox.Emit(new InputAudioTranscriptionDelta(itemId, 0, delta));
                    }
                }

                CompleteTranscription(item, previous, recognition.Finish(), audio.Length / (double)WireAudio.SampleRate);
            }
            catch (Exception ex)
            {
                FailTranscription(itemId, ex);
            }
        });
    }

    /// <summary>
    /// Adds the turn to the conversation; returns it and the item before it when a transcript is to follow, or null
    /// when transcription is off (the item is then done, and a response may start).
    /// </summary>
    private (ConversationItem Item, string? PreviousItemId)? Add(string itemId)
    {
        var item = new ConversationItem(ConversationItem.Message)
        {
            Id = itemId,
            Object = "realtime.item",
            Status = "completed",
            Role = "user",
            Content = [new ContentPart(ContentPart.InputAudio)],
        };
        string? previous;
        lock (state.Gate)
        {
            previous = state.Conversation.AddUserAudio(item);
        }

        outbox.Emit(new InputAudioBufferCommitted(itemId) { PreviousItemId = previous });
        outbox.Emit(new ConversationItemAdded(item) { PreviousItemId = previous });
        if (!state.Configuration.TranscriptionOn)
        {
            outbox.Emit(new ConversationItemDone(item) { PreviousItemId = previous });
            MaybeAutoRespond();
            return null;
        }

        return (item, previous);
    }

    private void CompleteTranscription(ConversationItem item, string? previous, (string Transcript, string? RemainingDelta) result, double seconds)
    {
        if (!string.IsNullOrEmpty(result.RemainingDelta))
        {
            outbox.Emit(new InputAudioTranscriptionDelta(item.Id!, 0, result.RemainingDelta));
        }

        outbox.Emit(new InputAudioTranscriptionCompleted(item.Id!, 0, result.Transcript) { Usage = TranscriptionUsage.ForDuration(WholeSeconds(seconds)) });
        var done = item with { Content = [new ContentPart(ContentPart.InputAudio) { Transcript = result.Transcript }] };
        lock (state.Gate)
        {
            state.Conversation.Replace(done);
        }

        outbox.Emit(new ConversationItemDone(done) { PreviousItemId = previous });
    }

    // The schema types seconds as a number, but the OpenAI .NET client (2.15) reads it with GetInt64:
    // whole seconds satisfy both.
    private static double WholeSeconds(double seconds) => Math.Ceiling(Math.Max(0, seconds));

    private void FailTranscription(string itemId, Exception ex)
    {
        logger.LogWarning(ex, "Session {SessionId}: transcription of {ItemId} failed", state.Configuration.SessionId, itemId);
        outbox.Emit(new InputAudioTranscriptionFailed(itemId, 0, new RealtimeError("transcription_error", $"Transcription failed: {ex.Message}") { Code = "audio_unintelligible" }));
    }

    private void MaybeAutoRespond()
    {
        if (state.Configuration.TurnDetection is { CreateResponse: not false })
        {
            responses.Start(null);
        }
    }
}
