using System.Text;
using ActorVoice.Audio.Processing;
using ActorVoice.LocalServer.Answering;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions.Conversation;
using ActorVoice.LocalServer.Sessions.Transport;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Serialization;
using ActorVoice.Realtime.Protocol.Session;
using ActorVoice.Speech.Synthesis;
using Microsoft.Extensions.Logging;

namespace ActorVoice.LocalServer.Sessions.Responses;

/// <summary>
/// Turns <c>response.create</c> into a response. The local server has no language model: a response speaks the newest
/// text the client put into the conversation since the last response (the engine injects its answer that way), sentence
/// by sentence through the offline synthesizer, as audio deltas in the session's output format. When the client injected
/// nothing, the <see cref="IOfflineAnswerer"/> says what to speak for the user's turn (from documents, when the server has
/// them). It streams on its own task so that it can be cancelled; a function call (see <see cref="FunctionCallEmulation"/>)
/// is emitted at once.
/// </summary>
internal sealed class ResponseSynthesizer(
    SessionState state, ServerEventOutbox outbox, ISpeechSynthesizer synthesizer, SynthesisSettings settings, IOfflineAnswerer answerer, ILogger logger)
{
    /// <summary>Starts a response; throws when one is already active in the default conversation.</summary>
    public void Start(ResponseCreateParams? parameters)
    {
        var configuration = state.Configuration;
        var header = new ResponseHeader(IdGenerator.Next("resp"), state.ConversationId, configuration.OutputModalitiesFor(parameters), parameters?.Metadata);
        ConversationItem? functionCall = null;
        string? previousItemId = null;
        lock (state.Gate)
        {
            if (state.ActiveResponse is not null && parameters?.Conversation != "none")
            {
                throw new RealtimeProtocolException("conversation_already_has_active_response",
                    $"Conversation already has an active response in progress: {state.ActiveResponse.ResponseId}. Wait until the response is finished before creating a new one.");
            }

            if (FunctionCallEmulation.FunctionToCall(parameters, configuration.Current, state.Conversation) is { } function)
            {
                (functionCall, previousItemId) = FunctionCallEmulation.BeginCall(state.Conversation, function);
            }
        }

        if (functionCall is not null)
        {
            outbox.EmitAll(FunctionCallEmulation.ResponseEvents(functionCall, previousItemId, header));
            return;
        }

        string? text;
        var question = string.Empty;
        ConversationItem item;
        ActiveResponse response;
        lock (state.Gate)
        {
            text = state.Conversation.TakePendingClientText() ?? ItemText.LastOf(parameters?.Input);
            if (text is null)
            {
                question = PendingQuestion.Of(state.Conversation);
            }

            var audio = header.Modalities.Contains("audio");
            item = new ConversationItem(ConversationItem.Message)
            {
                Id = IdGenerator.Next("item"),
                Object = "realtime.item",
                Status = "in_progress",
                Role = "assistant",
                Content = [],
            };
            response = new ActiveResponse(header, item.Id!, audio);
            if (parameters?.Conversation != "none")
            {
                state.ActiveResponse = response;
                previousItemId = state.Conversation.AddAssistant(item, audio);
            }
        }

        var previous = previousItemId;
        _ = Task.Run(() => StreamAsync(response, text, question, item, previous, configuration.OutputFormat));
    }

    /// <summary>
    /// Cancels the active response; its task then emits the closing events with status cancelled (dropped when the
    /// session is ending). False when there is none, or it is already being cancelled.
    /// </summary>
    public bool Cancel(string reason)
    {
        ActiveResponse? response;
        lock (state.Gate)
        {
            response = state.ActiveResponse;
            if (response is null || response.Cancellation.IsCancellationRequested)
            {
                return false;
            }
        }

        response.CancelReason = reason;
        response.Cancellation.Cancel();
        return true;
    }

    // text: the client's injected text, or null to have the offline answerer answer question (the user turn's transcript).
    private async Task StreamAsync(
        ActiveResponse response, string? text, string question, ConversationItem item, string? previousItemId, AudioFormat outputFormat)
    {
        var token = response.Cancellation.Token;
        outbox.Emit(response.Header.Created());
        outbox.Emit(new ResponseOutputItemAdded(response.ResponseId, 0, item));
        outbox.Emit(new ConversationItemAdded(item) { PreviousItemId = previousItemId });
        // Content-part events name parts "audio"/"text"; the items themselves hold output_audio/output_text.
        outbox.Emit(new ResponseContentPartAdded(response.ResponseId, response.ItemId, 0, 0,
            response.Audio ? new ContentPart(ContentPart.AudioPart) { Transcript = string.Empty } : new ContentPart(ContentPart.TextPart) { Text = string.Empty }));
        var spoken = new StringBuilder();
        var status = RealtimeResponse.Completed;
        string? failure = null;
        try
        {
            // On the response's task, not the receive loop: retrieval may embed the question.
            text ??= await answerer.AnswerAsync(question, token);
            var encoder = new WireAudioCodec(outputFormat, decoding: false);
            var chunkSamples = Math.Max(WireAudioTime.SliceSamples, (int)(settings.Chunk.TotalMilliseconds * WireAudio.SampleRate / 1000));
            foreach (var sentence in SentenceSplitter.Split(text))
            {
                token.ThrowIfCancellationRequested();
                var piece = (spoken.Length > 0 ? " " : string.Empty) + sentence;
                if (!response.Audio)
                {
                    spoken.Append(piece);
                    outbox.Emit(new ResponseOutputTextDelta(response.ResponseId, response.ItemId, 0, 0, piece));
                    continue;
                }

                var speech = await synthesizer.SynthesizeAsync(sentence, token);
                var samples = PcmResampler.Convert(speech.Samples, speech.SampleRate, WireAudio.SampleRate);
                outbox.Emit(new ResponseOutputAudioTranscriptDelta(response.ResponseId, response.ItemId, 0, 0, piece));
                spoken.Append(piece);
                foreach (var chunk in WireAudioTime.Slices(samples, chunkSamples))
                {
                    token.ThrowIfCancellationRequested();
                    outbox.Emit(new ResponseOutputAudioDelta(response.ResponseId, response.ItemId, 0, 0, Convert.ToBase64String(encoder.Encode(chunk.Span))));
                    lock (state.Gate)
                    {
                        state.Conversation.AddAssistantAudio(response.ItemId, (int)WireAudioTime.WholeMilliseconds(chunk.Length));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            status = RealtimeResponse.Cancelled;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Session {SessionId}: response {ResponseId} failed", state.Configuration.SessionId, response.ResponseId);
            status = RealtimeResponse.Failed;
            failure = ex.Message;
        }

        Finish(response, item, previousItemId, spoken.ToString(), status, failure);
    }

    private void Finish(ActiveResponse response, ConversationItem item, string? previousItemId, string spoken, string status, string? failure)
    {
        var part = response.Audio
            ? new ContentPart(ContentPart.OutputAudio) { Transcript = spoken }
            : new ContentPart(ContentPart.OutputText) { Text = spoken };
        if (response.Audio)
        {
            outbox.Emit(new ResponseOutputAudioDone(response.ResponseId, response.ItemId, 0, 0));
            outbox.Emit(new ResponseOutputAudioTranscriptDone(response.ResponseId, response.ItemId, 0, 0, spoken));
        }
        else
        {
            outbox.Emit(new ResponseOutputTextDone(response.ResponseId, response.ItemId, 0, 0, spoken));
        }

        outbox.Emit(new ResponseContentPartDone(response.ResponseId, response.ItemId, 0, 0,
            part with { Type = response.Audio ? ContentPart.AudioPart : ContentPart.TextPart }));
        var done = item with
        {
            Status = status == RealtimeResponse.Completed ? "completed" : "incomplete",
            Content = [part],
        };
        lock (state.Gate)
        {
            state.Conversation.Replace(done);
            // The item may have been deleted meanwhile, or an item inserted before it: report where it is now.
            previousItemId = state.Conversation.Find(done.Id) is null ? previousItemId : state.Conversation.PreviousOf(done.Id);
            if (ReferenceEquals(state.ActiveResponse, response))
            {
                state.ActiveResponse = null;
            }
        }

        outbox.Emit(new ResponseOutputItemDone(response.ResponseId, 0, done));
        outbox.Emit(new ConversationItemDone(done) { PreviousItemId = previousItemId });
        var details = status switch
        {
            RealtimeResponse.Cancelled => new ResponseStatusDetails("cancelled") { Reason = response.CancelReason ?? "client_cancelled" },
            RealtimeResponse.Failed => new ResponseStatusDetails("failed") { Error = new RealtimeError("server_error", failure ?? "failed") { Code = "synthesis_failed" } },
            _ => null,
        };
        outbox.Emit(response.Header.Done(status, done, details));
    }
}
