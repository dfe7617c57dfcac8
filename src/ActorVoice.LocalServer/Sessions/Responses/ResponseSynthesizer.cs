using ActorVoice.Audio.Processing;
using ActorVoice.LocalServer.Answering;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions.Conversation;
using ActorVoice.LocalServer.Sessions.Faults;
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
/// them). A function call (see <see cref="FunctionCallEmulation"/>) is emitted at once.
/// <para>
/// Runs on the session's loop, except the answering and synthesis of a spoken response: a task of its own produces the
/// response's pieces and posts them to the loop (<see cref="Message"/>), which sends them. A cancelled response is closed
/// by the loop at once (its <c>response.done</c> goes out before any later event), and whatever its task still posts
/// is dropped.
/// </para>
/// </summary>
internal sealed class ResponseSynthesizer(
    SessionState state, ServerEventOutbox outbox, ISpeechSynthesizer synthesizer, SynthesisSettings settings, IOfflineAnswerer answerer, SessionInbox inbox, ILogger logger)
    : IDisposable
{
    // Responses whose synthesis may still post (the default conversation's and any out-of-band ones).
    private readonly List<ActiveResponse> _open = [];

    /// <summary>The session's server faults (stalls, cut responses), or null: set once, before the session's loop runs.</summary>
    public SessionFaults? Faults { get; set; }

    /// <summary>Starts a response; throws when one is already active in the default conversation.</summary>
    public void Start(ResponseCreateParams? parameters)
    {
        var configuration = state.Configuration;
        var header = new ResponseHeader(IdGenerator.Next("resp"), state.ConversationId, configuration.OutputModalitiesFor(parameters), parameters?.Metadata);
        var inConversation = parameters?.Conversation != "none";
        if (state.ActiveResponse is not null && inConversation)
        {
            throw new RealtimeProtocolException("conversation_already_has_active_response",
                $"Conversation already has an active response in progress: {state.ActiveResponse.ResponseId}. Wait until the response is finished before creating a new one.");
        }

        if (FunctionCallEmulation.FunctionToCall(parameters, configuration.Current, state.Conversation) is { } function)
        {
            var (functionCall, callPrevious) = FunctionCallEmulation.BeginCall(state.Conversation, function);
            outbox.EmitAll(FunctionCallEmulation.ResponseEvents(functionCall, callPrevious, header));
            return;
        }

        var text = state.Conversation.TakePendingClientText() ?? ItemText.LastOf(parameters?.Input);
        var question = text is null ? PendingQuestion.Of(state.Conversation) : Task.FromResult(string.Empty);
        var audio = header.Modalities.Contains("audio");
        var item = new ConversationItem(ConversationItem.Message)
        {
            Id = IdGenerator.Next("item"),
            Object = "realtime.item",
            Status = "in_progress",
            Role = "assistant",
            Content = [],
        };
        var previousItemId = inConversation ? state.Conversation.AddAssistant(item, audio) : null;
        var response = new ActiveResponse(header, item, audio, previousItemId);
        if (inConversation)
        {
            state.ActiveResponse = response;
        }

        _open.Add(response);
        outbox.Emit(header.Created());
        outbox.Emit(new ResponseOutputItemAdded(response.ResponseId, 0, item));
        outbox.Emit(new ConversationItemAdded(item) { PreviousItemId = previousItemId });
        // Content-part events name parts "audio"/"text"; the items themselves hold output_audio/output_text.
        outbox.Emit(new ResponseContentPartAdded(response.ResponseId, response.ItemId, 0, 0,
            audio ? new ContentPart(ContentPart.AudioPart) { Transcript = string.Empty } : new ContentPart(ContentPart.TextPart) { Text = string.Empty }));
        var (outputFormat, sessionId) = (configuration.OutputFormat, configuration.SessionId);
        var faults = Faults?.ForResponse(response.ResponseId) ?? ResponseFaults.None;
        _ = Task.Run(() => ProduceAsync(response, text, question, outputFormat, sessionId, faults), CancellationToken.None);
    }

    /// <summary>
    /// Cancels the active response: its closing events (status cancelled, <paramref name="reason"/>) are sent now and its
    /// synthesis stops. False when there is none.
    /// </summary>
    public bool Cancel(string reason)
    {
        if (state.ActiveResponse is not { Closed: false } response)
        {
            return false;
        }

        response.Cancellation.Cancel();
        Finish(response, RealtimeResponse.Cancelled, failure: null, reason);
        return true;
    }

    /// <summary>A piece of a response from its synthesis task: sent unless the response was closed meanwhile.</summary>
    public void Handle(Message message)
    {
        var response = message.Response;
        if (response.Closed)
        {
            return;
        }

        switch (message)
        {
            case TextReady text:
                response.Spoken.Append(text.Piece);
                outbox.Emit(new ResponseOutputTextDelta(response.ResponseId, response.ItemId, 0, 0, text.Piece));
                break;
            case TranscriptReady transcript:
                outbox.Emit(new ResponseOutputAudioTranscriptDelta(response.ResponseId, response.ItemId, 0, 0, transcript.Piece));
                response.Spoken.Append(transcript.Piece);
                break;
            case AudioReady chunk:
                outbox.Emit(new ResponseOutputAudioDelta(response.ResponseId, response.ItemId, 0, 0, chunk.Base64Audio));
                state.Conversation.AddAssistantAudio(response.ItemId, chunk.Milliseconds);
                break;
            case SynthesisFinished finished:
                Finish(response, finished.Status, finished.Failure, reason: null);
                break;
        }
    }

    /// <summary>The session ended: synthesis stops and nothing more of any response is sent.</summary>
    public void Dispose()
    {
        foreach (var response in _open)
        {
            response.Closed = true;
            response.Cancellation.Cancel();
        }

        _open.Clear();
    }

    // Off the loop. text: the client's injected text, or null to have the offline answerer answer question (what was
    // heard in the user turn, which may still be decoding). Reads nothing of the session; what it makes goes to the loop as messages.
    // faults: a stall waits before the first output (a cancel still ends the response at once: the loop closes it and
    // the wait is cancelled); a cut stops the output at the middle of the text and ends the response incomplete.
    private async Task ProduceAsync(
        ActiveResponse response, string? text, Task<string> question, AudioFormat outputFormat, string sessionId, ResponseFaults faults)
    {
        var token = response.Cancellation.Token;
        var status = RealtimeResponse.Completed;
        string? failure = null;
        try
        {
            // Retrieval may embed the question: never on the loop.
            text ??= await answerer.AnswerAsync(await question.WaitAsync(token), token);
            var encoder = new WireAudioCodec(outputFormat, decoding: false);
            var chunkSamples = Math.Max(WireAudioTime.SliceSamples, (int)(settings.Chunk.TotalMilliseconds * WireAudio.SampleRate / 1000));
            if (faults.Stall > TimeSpan.Zero)
            {
                await Task.Delay(faults.Stall, token);
            }

            // Where a cut response stops: the middle of its text (the sentence holding it is cut in proportion).
            var cutAt = faults.Cut ? Math.Max(1, text.Length / 2) : int.MaxValue;
            var spokenChars = 0;
            foreach (var sentence in SentenceSplitter.Split(text))
            {
                token.ThrowIfCancellationRequested();
                var piece = (spokenChars > 0 ? " " : string.Empty) + sentence;
                var cutHere = spokenChars + piece.Length >= cutAt;
                if (!response.Audio)
                {
                    var kept = cutHere ? piece[..Math.Clamp(cutAt - spokenChars, 1, piece.Length)] : piece;
                    spokenChars += kept.Length;
                    inbox.Post(new TextReady(response, kept));
                    if (cutHere)
                    {
                        status = RealtimeResponse.Incomplete;
                        break;
                    }

                    continue;
                }

                var speech = await synthesizer.SynthesizeAsync(sentence, token);
                var samples = PcmResampler.Convert(speech.Samples, speech.SampleRate, WireAudio.SampleRate);
                var chunks = WireAudioTime.Slices(samples, chunkSamples).ToList();
                var keptChunks = chunks.Count;
                if (cutHere)
                {
                    // At least one chunk, so a cut response always has some audio before it stops.
                    keptChunks = Math.Clamp((int)((long)chunks.Count * (cutAt - spokenChars) / piece.Length), 1, chunks.Count);
                    piece = WordsBefore(piece, piece.Length * keptChunks / Math.Max(1, chunks.Count));
                }

                inbox.Post(new TranscriptReady(response, piece));
                spokenChars += piece.Length;
                foreach (var chunk in chunks.Take(keptChunks))
                {
                    token.ThrowIfCancellationRequested();
                    inbox.Post(new AudioReady(response, Convert.ToBase64String(encoder.Encode(chunk.Span)), (int)WireAudioTime.WholeMilliseconds(chunk.Length)));
                }

                if (cutHere)
                {
                    status = RealtimeResponse.Incomplete;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The loop closed the response already.
            return;
        }
        catch (OperationCanceledException)
        {
            status = RealtimeResponse.Cancelled;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Session {SessionId}: response {ResponseId} failed", sessionId, response.ResponseId);
            status = RealtimeResponse.Failed;
            failure = ex.Message;
        }

        inbox.Post(new SynthesisFinished(response, status, failure));
    }

    /// <summary>The words of <paramref name="piece"/> that end before <paramref name="length"/> characters (whole words only).</summary>
    private static string WordsBefore(string piece, int length)
    {
        if (length >= piece.Length)
        {
            return piece;
        }

        var space = piece.LastIndexOf(' ', Math.Max(0, length));
        return space > 0 ? piece[..space] : string.Empty;
    }

    private void Finish(ActiveResponse response, string status, string? failure, string? reason)
    {
        response.Closed = true;
        _open.Remove(response);
        var spoken = response.Spoken.ToString();
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
        var done = response.Item with
        {
            Status = status == RealtimeResponse.Completed ? "completed" : "incomplete",
            Content = [part],
        };
        state.Conversation.Replace(done);
        // The item may have been deleted meanwhile, or an item inserted before it: report where it is now.
        var previousItemId = state.Conversation.Find(done.Id) is null ? response.PreviousItemId : state.Conversation.PreviousOf(done.Id);
        if (ReferenceEquals(state.ActiveResponse, response))
        {
            state.ActiveResponse = null;
        }

        outbox.Emit(new ResponseOutputItemDone(response.ResponseId, 0, done));
        outbox.Emit(new ConversationItemDone(done) { PreviousItemId = previousItemId });
        var details = status switch
        {
            RealtimeResponse.Cancelled => new ResponseStatusDetails("cancelled") { Reason = reason ?? "client_cancelled" },
            // A cut response (server fault) ends as a real one cut short by its output limit does.
            RealtimeResponse.Incomplete => new ResponseStatusDetails("incomplete") { Reason = "max_output_tokens" },
            RealtimeResponse.Failed => new ResponseStatusDetails("failed") { Error = new RealtimeError("server_error", failure ?? "failed") { Code = "synthesis_failed" } },
            _ => null,
        };
        outbox.Emit(response.Header.Done(status, done, details));
    }

    /// <summary>What a response's synthesis task tells the session's loop.</summary>
    public abstract record Message(ActiveResponse Response) : SessionMessage;

    /// <summary>A sentence of a text-only response.</summary>
    public sealed record TextReady(ActiveResponse Response, string Piece) : Message(Response);

    /// <summary>The transcript of the sentence whose audio follows.</summary>
    public sealed record TranscriptReady(ActiveResponse Response, string Piece) : Message(Response);

    /// <summary>A chunk of audio, encoded in the session's output format.</summary>
    public sealed record AudioReady(ActiveResponse Response, string Base64Audio, int Milliseconds) : Message(Response);

    /// <summary>The task is done: status completed, or failed with <see cref="Failure"/>.</summary>
    public sealed record SynthesisFinished(ActiveResponse Response, string Status, string? Failure) : Message(Response);
}
