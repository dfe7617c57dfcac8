using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using ActorVoice.Audio;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.Speech.Synthesis;
using ActorVoice.Audio.Vad;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Serialization;
using ActorVoice.Realtime.Protocol.Session;
using Microsoft.Extensions.Logging;

namespace ActorVoice.LocalServer.Sessions;

/// <summary>
/// One Realtime API session on one WebSocket: session config, input audio with energy VAD and streaming
/// recognition, the conversation, and responses spoken by the offline synthesizer. Client events are handled
/// one at a time on the receive loop; a response streams on its own task so that it can be cancelled; a single
/// writer task owns the socket's send side. Bad input yields an <c>error</c> event and the session goes on.
/// </summary>
public sealed partial class RealtimeServerSession : IDisposable
{
    private const int SliceMs = 20;
    private static readonly int SliceSamples = WireAudioCodec.InternalRate * SliceMs / 1000;

    private readonly WebSocket _socket;
    private readonly LocalServerSettings _settings;
    private readonly SpeechServices _speech;
    private readonly ILogger _logger;
    private readonly Channel<ServerEvent> _outgoing = Channel.CreateUnbounded<ServerEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly List<ConversationItem> _conversation = [];
    private readonly Dictionary<string, int> _assistantAudioMs = new(StringComparer.Ordinal);
    private readonly List<short> _preSpeech = [];
    private readonly List<short> _manualBuffer = [];
    private readonly EnergyVad _vad;
    private readonly string _conversationId = IdGenerator.Next("conv");
    private readonly ByteBudget _audioBudget;

    /// <summary>The local server has no tokens; usage is reported as zeros so clients that read it find the fields.</summary>
    private static readonly ResponseUsage EmptyUsage = new()
    {
        InputTokenDetails = new InputTokenDetails { CachedTokens = 0, TextTokens = 0, AudioTokens = 0, ImageTokens = 0 },
        OutputTokenDetails = new OutputTokenDetails { TextTokens = 0, AudioTokens = 0 },
    };
    private JsonObject _sessionJson;
    private SessionConfig _session;
    private WireAudioCodec _inputCodec;
    private long _inputSamples;
    private UtteranceRecognition? _utterance;
    private string? _speechItemId;
    private long _speechStartMs;
    private ActiveResponse? _activeResponse;
    private string? _lastClientTextSinceResponse;

    public RealtimeServerSession(WebSocket socket, LocalServerSettings settings, SpeechServices speech, ILogger logger, string? model)
    {
        _socket = socket;
        _settings = settings;
        _speech = speech;
        _logger = logger;
        _session = new SessionConfig
        {
            Type = "realtime",
            Object = "realtime.session",
            Id = IdGenerator.Next("sess"),
            Model = string.IsNullOrWhiteSpace(model) ? "actorvoice-local" : model,
            Instructions = "You are a helpful assistant. Answer from the context you are given.",
            OutputModalities = ["audio"],
            ExpiresAt = DateTimeOffset.UtcNow.Add(settings.MaxSessionDuration).ToUnixTimeSeconds(),
            Audio = new AudioConfig
            {
                Input = new AudioInputConfig
                {
                    Format = AudioFormat.Pcm24k,
                    TurnDetection = new TurnDetection(TurnDetection.ServerVad)
                    {
                        Threshold = settings.Vad.Threshold,
                        PrefixPaddingMs = (int)settings.Vad.PrefixPadding.TotalMilliseconds,
                        SilenceDurationMs = (int)settings.Vad.SilenceDuration.TotalMilliseconds,
                        CreateResponse = true,
                        InterruptResponse = true,
                    },
                },
                Output = new AudioOutputConfig { Format = AudioFormat.Pcm24k, Voice = settings.Synthesis.Voice, Speed = 1.0 },
            },
        };
        _sessionJson = RealtimeJson.SessionToJson(_session);
        _inputCodec = new WireAudioCodec(AudioFormat.Pcm24k, decoding: true);
        _audioBudget = new ByteBudget(settings.MaxAudioBytesPerSecond, TimeSpan.FromSeconds(10));
        _vad = new EnergyVad(WireAudioCodec.InternalRate, VadParametersFrom(_session));
    }

    public string SessionId => _session.Id!;

    /// <summary>GA, or beta for old clients (beta event names out, beta session shapes in).</summary>
    public RealtimeDialect Dialect { get; init; } = RealtimeDialect.GA;

    /// <summary>Sees every text frame, both directions (see <see cref="LocalRealtimeServer.FrameObserver"/>).</summary>
    public Action<RealtimeFrame>? FrameObserver { get; init; }

    /// <summary>Runs the session until the client closes, the session expires or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        expiry.CancelAfter(_settings.MaxSessionDuration);
        var writer = Task.Run(() => WriteLoopAsync(CancellationToken.None), CancellationToken.None);
        Emit(new SessionCreated(_session));
        try
        {
            await ReceiveLoopAsync(expiry.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Emit(new ErrorEvent(new RealtimeError("invalid_request_error",
                $"Your session hit the maximum duration of {_settings.MaxSessionDuration.TotalMinutes:0} minutes.") { Code = "session_expired" }));
        }
        catch (OperationCanceledException)
        {
            // Server shutdown.
        }
        catch (WebSocketException ex)
        {
            _logger.LogInformation("Session {SessionId}: socket ended ({Reason})", SessionId, ex.WebSocketErrorCode);
        }
        finally
        {
            CancelActiveResponse("client_cancelled", emitDone: false);
            _utterance?.Dispose();
            _utterance = null;
            _outgoing.Writer.TryComplete();
            await writer;
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                try
                {
                    await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "session ended", CancellationToken.None);
                }
                catch (WebSocketException)
                {
                    // The peer is already gone.
                }
            }
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using var message = new MemoryStream();
            while (_socket.State == WebSocketState.Open)
            {
                message.SetLength(0);
                var tooLarge = false;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    if (!tooLarge && message.Length + result.Count > _settings.MaxFrameBytes)
                    {
                        tooLarge = true;
                    }

                    if (!tooLarge)
                    {
                        message.Write(buffer, 0, result.Count);
                    }
                }
                while (!result.EndOfMessage);

                if (tooLarge)
                {
                    EmitError("event_too_large", $"The event exceeds the {_settings.MaxFrameBytes} byte limit and was dropped.",
                        eventId: EventIdFromHead(message.GetBuffer().AsSpan(0, (int)Math.Min(message.Length, 4096))));
                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    EmitError("invalid_event", "Binary frames are not supported; send JSON text frames.");
                    continue;
                }

                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                FrameObserver?.Invoke(new RealtimeFrame(SessionId, true, text));
                HandleFrame(text);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void HandleFrame(string text)
    {
        if (Dialect == RealtimeDialect.Beta)
        {
            text = TranslateBetaInput(text);
        }

        RealtimeEvent parsed;
        try
        {
            parsed = RealtimeJson.ParseClientEvent(text);
        }
        catch (RealtimeProtocolException ex)
        {
            EmitError(ex.Code, ex.Message, ex.Param, ex.EventId);
            return;
        }

        try
        {
            Handle(parsed, text);
        }
        catch (RealtimeProtocolException ex)
        {
            EmitError(ex.Code, ex.Message, ex.Param, ex.EventId ?? parsed.EventId);
        }
        catch (AudioFormatException ex)
        {
            EmitError("invalid_value", ex.Message, "audio", parsed.EventId);
        }
    }

    /// <summary>Beta clients send flat session objects and beta response fields: rewrite them as GA before parsing.</summary>
    private static string TranslateBetaInput(string text)
    {
        if (!text.Contains("\"session.update\"", StringComparison.Ordinal) && !text.Contains("\"response.create\"", StringComparison.Ordinal))
        {
            return text;
        }

        try
        {
            if (JsonNode.Parse(text) is not JsonObject root)
            {
                return text;
            }

            var type = root["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? root["type"]!.GetValue<string>() : null;
            if (type == EventTypes.SessionUpdate && root["session"] is JsonObject session && session["type"] is null)
            {
                root["session"] = BetaDialect.SessionToGa(session);
            }
            else if (type == EventTypes.ResponseCreate && root["response"] is JsonObject response)
            {
                root["response"] = BetaDialect.ResponseToGa(response);
            }
            else
            {
                return text;
            }

            return root.ToJsonString();
        }
        catch (System.Text.Json.JsonException)
        {
            // The parser reports it.
            return text;
        }
    }

    /// <summary>The event_id of a dropped oversized frame, read from its first bytes, so the error can name it.</summary>
    private static string? EventIdFromHead(ReadOnlySpan<byte> head)
    {
        var match = EventIdPattern().Match(Encoding.UTF8.GetString(head));
        return match.Success && match.Groups[1].Value.Length <= RealtimeJson.MaxEventIdLength ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("\"event_id\"\\s*:\\s*\"([^\"\\\\]*)\"")]
    private static partial Regex EventIdPattern();

    private void Handle(RealtimeEvent realtimeEvent, string rawText)
    {
        switch (realtimeEvent)
        {
            case SessionUpdate update:
                ApplySessionUpdate(update, rawText);
                break;
            case InputAudioBufferAppend append:
                AppendAudio(append);
                break;
            case InputAudioBufferCommit commit:
                CommitManually(commit.EventId);
                break;
            case InputAudioBufferClear:
                ClearInput();
                break;
            case ConversationItemCreate create:
                CreateItem(create);
                break;
            case ConversationItemDelete delete:
                DeleteItem(delete);
                break;
            case ConversationItemRetrieve retrieve:
                RetrieveItem(retrieve);
                break;
            case ConversationItemTruncate truncate:
                TruncateItem(truncate);
                break;
            case ResponseCreate create:
                StartResponse(create.Response, create.EventId);
                break;
            case ResponseCancel cancel:
                if (!CancelActiveResponse("client_cancelled", emitDone: true))
                {
                    EmitError("response_cancel_not_active", "Cancellation failed: no active response found", eventId: cancel.EventId);
                }

                break;
            case RawEvent raw:
                EmitError("invalid_value", $"Invalid value: '{raw.RawType}'. This server does not support this event type.", "type", raw.EventId);
                break;
            default:
                EmitError("invalid_value", $"'{realtimeEvent.Type}' is a server event; clients cannot send it.", "type", realtimeEvent.EventId);
                break;
        }
    }

    private void ApplySessionUpdate(SessionUpdate update, string rawText)
    {
        var patch = JsonNode.Parse(rawText)?["session"] as JsonObject
            ?? throw new RealtimeProtocolException("missing_required_parameter", "Missing required parameter: 'session'.", "session", update.EventId);
        if (patch["type"] is null)
        {
            throw new RealtimeProtocolException("missing_required_parameter", "Missing required parameter: 'session.type'.", "session.type", update.EventId);
        }

        var merged = (JsonObject)_sessionJson.DeepClone();
        MergePatch(merged, patch);
        merged["id"] = _session.Id;
        merged["object"] = "realtime.session";
        var candidate = RealtimeJson.SessionFromJson(merged);
        if (candidate.Type is not ("realtime" or "transcription"))
        {
            throw new RealtimeProtocolException("invalid_value", $"Invalid value: '{candidate.Type}'. Supported values are: 'realtime' and 'transcription'.", "session.type", update.EventId);
        }

        foreach (var (format, param) in new[] { (candidate.Audio?.Input?.Format, "session.audio.input.format"), (candidate.Audio?.Output?.Format, "session.audio.output.format") })
        {
            if (!WireAudioCodec.IsSupported(format))
            {
                throw new RealtimeProtocolException("invalid_value",
                    $"Unsupported audio format '{format!.Type}' (rate {format.Rate}): use audio/pcm at 24000 Hz, audio/pcmu or audio/pcma.", param, update.EventId);
            }
        }

        var modalities = candidate.OutputModalities;
        if (modalities is { Count: not 1 } || (modalities is [var m] && m is not ("audio" or "text")))
        {
            throw new RealtimeProtocolException("invalid_value", "output_modalities must be [\"audio\"] or [\"text\"].", "session.output_modalities", update.EventId);
        }

        var turnDetection = candidate.Audio?.Input?.TurnDetection;
        if (turnDetection is not null && turnDetection.Type is not (TurnDetection.ServerVad or TurnDetection.SemanticVad))
        {
            throw new RealtimeProtocolException("invalid_value", $"Invalid turn_detection type '{turnDetection.Type}'.", "session.audio.input.turn_detection.type", update.EventId);
        }

        _sessionJson = merged;
        _session = candidate;
        var inputFormat = candidate.Audio?.Input?.Format ?? AudioFormat.Pcm24k;
        if (inputFormat.Type != _inputCodec.FormatType)
        {
            _inputCodec = new WireAudioCodec(inputFormat, decoding: true);
        }

        _vad.Parameters = VadParametersFrom(candidate);
        Emit(new SessionUpdated(candidate));
    }

    private static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                MergePatch(targetObject, patchObject);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private VadParameters VadParametersFrom(SessionConfig session)
    {
        var td = session.Audio?.Input?.TurnDetection;
        var vad = _settings.Vad;
        var silence = td?.Type == TurnDetection.SemanticVad
            ? td.Eagerness switch { "high" => 300, "low" => 1500, _ => 800 }
            : td?.SilenceDurationMs ?? (int)vad.SilenceDuration.TotalMilliseconds;
        return new VadParameters(
            VadParameters.ThresholdToDbfs(td?.Threshold ?? vad.Threshold, vad.MinDbfs, vad.MaxDbfs),
            td?.PrefixPaddingMs ?? (int)vad.PrefixPadding.TotalMilliseconds,
            silence,
            (int)vad.MinSpeechDuration.TotalMilliseconds);
    }

    private bool TurnDetectionOn => _session.Audio?.Input?.TurnDetection is not null;

    private bool TranscriptionOn => _session.Audio?.Input?.Transcription is not null;

    private void AppendAudio(InputAudioBufferAppend append)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(append.Audio);
        }
        catch (FormatException)
        {
            throw new RealtimeProtocolException("invalid_value", "Invalid 'audio': expected base64-encoded audio bytes.", "audio", append.EventId);
        }

        if (!_audioBudget.TryTake(bytes.Length))
        {
            throw new RealtimeProtocolException("rate_limit_exceeded",
                $"Input audio arrives faster than this server's limit of {_settings.MaxAudioBytesPerSecond} bytes per second; the append was dropped.", "audio", append.EventId);
        }

        var samples = _inputCodec.Decode(bytes);
        if (!TurnDetectionOn)
        {
            _manualBuffer.AddRange(samples);
            _inputSamples += samples.Length;
            return;
        }

        for (var offset = 0; offset < samples.Length; offset += SliceSamples)
        {
            var slice = samples.AsSpan(offset, Math.Min(SliceSamples, samples.Length - offset));
            ProcessSlice(slice);
        }
    }

    private void ProcessSlice(ReadOnlySpan<short> slice)
    {
        _inputSamples += slice.Length;
        if (_speechItemId is null)
        {
            _preSpeech.AddRange(slice);
            var keep = (int)((_vad.Parameters.PrefixPaddingMs + _vad.Parameters.MinSpeechMs + 100) * (long)WireAudioCodec.InternalRate / 1000);
            if (_preSpeech.Count > keep)
            {
                _preSpeech.RemoveRange(0, _preSpeech.Count - keep);
            }
        }
        else
        {
            FeedRecognizer(slice);
        }

        foreach (var transition in _vad.Process(slice))
        {
            if (transition.Kind == VadTransitionKind.SpeechStarted)
            {
                OnSpeechStarted(transition.AudioMs);
            }
            else
            {
                OnSpeechStopped(transition.AudioMs);
            }
        }
    }

    private void OnSpeechStarted(long audioStartMs)
    {
        _speechItemId = IdGenerator.Next("item");
        _speechStartMs = audioStartMs;
        Emit(new SpeechStarted((int)audioStartMs, _speechItemId));
        if (_session.Audio?.Input?.TurnDetection?.InterruptResponse != false)
        {
            CancelActiveResponse("turn_detected", emitDone: true);
        }

        if (TranscriptionOn)
        {
            try
            {
                _utterance = new UtteranceRecognition(_speech.Recognizers, WireAudioCodec.InternalRate, _settings.Recognition.StableUpdates);
            }
            catch (Exception ex) when (ex is InvalidOperationException or DllNotFoundException or FileNotFoundException or EntryPointNotFoundException)
            {
                _logger.LogError(ex, "Session {SessionId}: recognizer unavailable", SessionId);
                _utterance = null;
            }

            // Feed what was heard since the padded start of speech.
            var nowMs = _inputSamples * 1000 / WireAudioCodec.InternalRate;
            var backSamples = (int)Math.Min(_preSpeech.Count, (nowMs - audioStartMs) * WireAudioCodec.InternalRate / 1000);
            if (backSamples > 0)
            {
                FeedRecognizer(_preSpeech.GetRange(_preSpeech.Count - backSamples, backSamples).ToArray());
            }
        }

        _preSpeech.Clear();
    }

    private void FeedRecognizer(ReadOnlySpan<short> samples)
    {
        if (_utterance is null || _speechItemId is null)
        {
            return;
        }

        var delta = _utterance.Feed(samples);
        if (delta is not null)
        {
            Emit(new InputAudioTranscriptionDelta(_speechItemId, 0, delta));
        }
    }

    private void OnSpeechStopped(long audioEndMs)
    {
        var itemId = _speechItemId ?? IdGenerator.Next("item");
        _speechItemId = null;
        Emit(new SpeechStopped((int)audioEndMs, itemId));
        var utterance = _utterance;
        _utterance = null;
        // After the silence window the first-pass hypothesis is settled: send its last words now, before the
        // slower final decode, so that clients can act on the whole question early (speculative retrieval).
        if (utterance?.FlushPartial() is { } rest)
        {
            Emit(new InputAudioTranscriptionDelta(itemId, 0, rest));
        }

        CommitUserAudio(itemId, utterance, null);
    }

    private void CommitManually(string? eventId)
    {
        if (TurnDetectionOn)
        {
            // With VAD on, a manual commit ends the current speech (if any) as a turn.
            if (_speechItemId is null)
            {
                throw new RealtimeProtocolException("input_audio_buffer_commit_empty",
                    "Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has 0.00ms of audio.", null, eventId);
            }

            var itemId = _speechItemId;
            _speechItemId = null;
            _vad.Reset();
            var utterance = _utterance;
            _utterance = null;
            CommitUserAudio(itemId, utterance, null);
            return;
        }

        var bufferedMs = _manualBuffer.Count * 1000.0 / WireAudioCodec.InternalRate;
        if (bufferedMs < 100)
        {
            throw new RealtimeProtocolException("input_audio_buffer_commit_empty",
                $"Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has {bufferedMs:0.00}ms of audio.", null, eventId);
        }

        var audio = _manualBuffer.ToArray();
        _manualBuffer.Clear();
        CommitUserAudio(IdGenerator.Next("item"), null, audio);
    }

    private void ClearInput()
    {
        _manualBuffer.Clear();
        _preSpeech.Clear();
        _speechItemId = null;
        _utterance?.Dispose();
        _utterance = null;
        _vad.Reset();
        Emit(new InputAudioBufferCleared());
    }

    private void CommitUserAudio(string itemId, UtteranceRecognition? utterance, short[]? wholeAudio)
    {
        string? previous;
        var item = new ConversationItem(ConversationItem.Message)
        {
            Id = itemId,
            Object = "realtime.item",
            Status = "completed",
            Role = "user",
            Content = [new ContentPart(ContentPart.InputAudio)],
        };
        lock (_gate)
        {
            previous = _conversation.Count > 0 ? _conversation[^1].Id : null;
            _conversation.Add(item);
            _lastClientTextSinceResponse = null;
            _userAudioAwaitingAnswer = itemId;
        }

        Emit(new InputAudioBufferCommitted(itemId) { PreviousItemId = previous });
        Emit(new ConversationItemAdded(item) { PreviousItemId = previous });
        if (!TranscriptionOn)
        {
            Emit(new ConversationItemDone(item) { PreviousItemId = previous });
            MaybeAutoRespond();
            return;
        }

        if (wholeAudio is not null)
        {
            // Manual turns: decode the whole buffer off the receive loop.
            _ = Task.Run(() =>
            {
                try
                {
                    using var recognition = new UtteranceRecognition(_speech.Recognizers, WireAudioCodec.InternalRate, _settings.Recognition.StableUpdates);
                    for (var offset = 0; offset < wholeAudio.Length; offset += SliceSamples)
                    {
                        var delta = recognition.Feed(wholeAudio.AsSpan(offset, Math.Min(SliceSamples, wholeAudio.Length - offset)));
                        if (delta is not null)
                        {
                            Emit(new InputAudioTranscriptionDelta(itemId, 0, delta));
                        }
                    }

                    CompleteTranscription(itemId, previous, item, recognition.Finish(), wholeAudio.Length / (double)WireAudioCodec.InternalRate);
                }
                catch (Exception ex)
                {
                    FailTranscription(itemId, ex);
                }
            });
            return;
        }

        if (utterance is null)
        {
            FailTranscription(itemId, new InvalidOperationException("speech recognition is unavailable on this server"));
            return;
        }

        try
        {
            CompleteTranscription(itemId, previous, item, utterance.Finish(), AudioMs() / 1000.0 - _speechStartMs / 1000.0);
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

    private long AudioMs() => _inputSamples * 1000 / WireAudioCodec.InternalRate;

    // The schema types seconds as a number, but the OpenAI .NET client (2.15) reads it with GetInt64:
    // whole seconds satisfy both.
    private static double WholeSeconds(double seconds) => Math.Ceiling(Math.Max(0, seconds));

    private void CompleteTranscription(string itemId, string? previous, ConversationItem item, (string Transcript, string? RemainingDelta) result, double seconds)
    {
        if (!string.IsNullOrEmpty(result.RemainingDelta))
        {
            Emit(new InputAudioTranscriptionDelta(itemId, 0, result.RemainingDelta));
        }

        Emit(new InputAudioTranscriptionCompleted(itemId, 0, result.Transcript) { Usage = TranscriptionUsage.ForDuration(WholeSeconds(seconds)) });
        var done = item with { Content = [new ContentPart(ContentPart.InputAudio) { Transcript = result.Transcript }] };
        lock (_gate)
        {
            var index = _conversation.FindIndex(i => i.Id == itemId);
            if (index >= 0)
            {
                _conversation[index] = done;
            }
        }

        Emit(new ConversationItemDone(done) { PreviousItemId = previous });
    }

    private void FailTranscription(string itemId, Exception ex)
    {
        _logger.LogWarning(ex, "Session {SessionId}: transcription of {ItemId} failed", SessionId, itemId);
        Emit(new InputAudioTranscriptionFailed(itemId, 0, new RealtimeError("transcription_error", $"Transcription failed: {ex.Message}") { Code = "audio_unintelligible" }));
    }

    private void MaybeAutoRespond()
    {
        if (_session.Audio?.Input?.TurnDetection is { CreateResponse: not false })
        {
            StartResponse(null, null);
        }
    }

    private void CreateItem(ConversationItemCreate create)
    {
        var item = create.Item;
        if (item.Type is not (ConversationItem.Message or ConversationItem.FunctionCallOutput or ConversationItem.FunctionCall))
        {
            throw new RealtimeProtocolException("invalid_value", $"Invalid item type '{item.Type}'.", "item.type", create.EventId);
        }

        if (item.Type == ConversationItem.Message && item.Role is not ("system" or "user" or "assistant"))
        {
            throw new RealtimeProtocolException("invalid_value", $"Invalid message role '{item.Role}'.", "item.role", create.EventId);
        }

        if (item.Type == ConversationItem.FunctionCallOutput && string.IsNullOrEmpty(item.CallId))
        {
            throw new RealtimeProtocolException("missing_required_parameter", "Missing required parameter: 'item.call_id'.", "item.call_id", create.EventId);
        }

        var stored = item with { Id = item.Id ?? IdGenerator.Next("item"), Object = "realtime.item", Status = "completed" };
        string? previous;
        lock (_gate)
        {
            if (_conversation.Exists(i => i.Id == stored.Id))
            {
                throw new RealtimeProtocolException("invalid_value", $"Item with id '{stored.Id}' already exists.", "item.id", create.EventId);
            }

            var position = _conversation.Count;
            if (create.PreviousItemId == "root")
            {
                position = 0;
            }
            else if (create.PreviousItemId is not null)
            {
                var index = _conversation.FindIndex(i => i.Id == create.PreviousItemId);
                if (index < 0)
                {
                    throw new RealtimeProtocolException("invalid_value", $"Previous item '{create.PreviousItemId}' does not exist.", "previous_item_id", create.EventId);
                }

                position = index + 1;
            }

            previous = position > 0 ? _conversation[position - 1].Id : null;
            _conversation.Insert(position, stored);
            if (stored.Type != ConversationItem.FunctionCall)
            {
                // The client injected text or a tool's output: the next response speaks it, no function call.
                _userAudioAwaitingAnswer = null;
            }

            var text = TextOf(stored);
            if (!string.IsNullOrWhiteSpace(text))
            {
                _lastClientTextSinceResponse = text;
            }
        }

        Emit(new ConversationItemAdded(stored) { PreviousItemId = previous });
        Emit(new ConversationItemDone(stored) { PreviousItemId = previous });
    }

    private void DeleteItem(ConversationItemDelete delete)
    {
        lock (_gate)
        {
            var index = _conversation.FindIndex(i => i.Id == delete.ItemId);
            if (index < 0)
            {
                throw new RealtimeProtocolException("invalid_value", $"Item with item_id '{delete.ItemId}' not found.", "item_id", delete.EventId);
            }

            _conversation.RemoveAt(index);
        }

        Emit(new ConversationItemDeleted(delete.ItemId));
    }

    private void RetrieveItem(ConversationItemRetrieve retrieve)
    {
        ConversationItem? item;
        lock (_gate)
        {
            item = _conversation.Find(i => i.Id == retrieve.ItemId);
        }

        if (item is null)
        {
            throw new RealtimeProtocolException("invalid_value", $"Item with item_id '{retrieve.ItemId}' not found.", "item_id", retrieve.EventId);
        }

        Emit(new ConversationItemRetrieved(item));
    }

    private void TruncateItem(ConversationItemTruncate truncate)
    {
        int generatedMs;
        lock (_gate)
        {
            var item = _conversation.Find(i => i.Id == truncate.ItemId)
                ?? throw new RealtimeProtocolException("invalid_value", $"Item with item_id '{truncate.ItemId}' not found.", "item_id", truncate.EventId);
            if (item.Role != "assistant" || !_assistantAudioMs.TryGetValue(item.Id!, out generatedMs))
            {
                throw new RealtimeProtocolException("unsupported_content_type", "Only model output audio messages can be truncated", "item_id", truncate.EventId);
            }

            if (truncate.AudioEndMs < 0 || truncate.AudioEndMs > generatedMs)
            {
                throw new RealtimeProtocolException("invalid_value",
                    $"Audio content of {generatedMs}ms is already shorter than {truncate.AudioEndMs}ms", "audio_end_ms", truncate.EventId);
            }

            _assistantAudioMs[item.Id!] = truncate.AudioEndMs;
            var index = _conversation.IndexOf(item);
            _conversation[index] = item with { Content = [new ContentPart(ContentPart.OutputAudio)] };
        }

        Emit(new ConversationItemTruncated(truncate.ItemId, truncate.ContentIndex, truncate.AudioEndMs));
    }

    private static string? TextOf(ConversationItem item) =>
        item.Type == ConversationItem.FunctionCallOutput
            ? TextOfFunctionOutput(item.Output)
            : item.Content?.Select(c => c.Text ?? c.Transcript).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));

    private void StartResponse(ResponseCreateParams? parameters, string? eventId)
    {
        string text;
        ConversationItem assistantItem;
        ActiveResponse response;
        ConversationItem? functionCall = null;
        lock (_gate)
        {
            if (_activeResponse is not null && parameters?.Conversation != "none")
            {
                throw new RealtimeProtocolException("conversation_already_has_active_response",
                    $"Conversation already has an active response in progress: {_activeResponse.ResponseId}. Wait until the response is finished before creating a new one.", null, eventId);
            }

            if (ShouldCallTool(parameters))
            {
                functionCall = BeginFunctionCall();
            }
        }

        if (functionCall is not null)
        {
            EmitFunctionCall(functionCall, parameters);
            return;
        }

        lock (_gate)
        {

            // The local server has no language model: it speaks the newest text the client put into the
            // conversation since the last response (the engine injects its answer that way).
            text = _lastClientTextSinceResponse ?? LastInputText(parameters) ?? "Sorry, I have no answer for that.";
            _lastClientTextSinceResponse = null;
            var modalities = parameters?.OutputModalities ?? _session.OutputModalities ?? ["audio"];
            var audio = modalities.Contains("audio");
            assistantItem = new ConversationItem(ConversationItem.Message)
            {
                Id = IdGenerator.Next("item"),
                Object = "realtime.item",
                Status = "in_progress",
                Role = "assistant",
                Content = [],
            };
            response = new ActiveResponse(IdGenerator.Next("resp"), assistantItem.Id!, audio, parameters?.Metadata, modalities);
            if (parameters?.Conversation != "none")
            {
                _activeResponse = response;
                _conversation.Add(assistantItem);
                if (audio)
                {
                    _assistantAudioMs[assistantItem.Id!] = 0;
                }
            }
        }

        response.Task = Task.Run(() => StreamResponseAsync(response, text, assistantItem));
    }

    private static string? LastInputText(ResponseCreateParams? parameters) =>
        parameters?.Input?.Select(TextOf).LastOrDefault(t => !string.IsNullOrWhiteSpace(t));

    private async Task StreamResponseAsync(ActiveResponse response, string text, ConversationItem item)
    {
        var token = response.Cancellation.Token;
        Emit(new ResponseCreated(new RealtimeResponse(response.ResponseId, RealtimeResponse.InProgress)
        {
            ConversationId = _conversationId,
            OutputModalities = response.Modalities,
            Metadata = response.Metadata,
        }));
        Emit(new ResponseOutputItemAdded(response.ResponseId, 0, item));
        Emit(new ConversationItemAdded(item));
        // Content-part events name parts "audio"/"text"; the items themselves hold output_audio/output_text.
        Emit(new ResponseContentPartAdded(response.ResponseId, response.ItemId, 0, 0,
            response.Audio ? new ContentPart(ContentPart.AudioPart) { Transcript = string.Empty } : new ContentPart(ContentPart.TextPart) { Text = string.Empty }));
        var spoken = new StringBuilder();
        var status = RealtimeResponse.Completed;
        string? failure = null;
        try
        {
            var encoder = new WireAudioCodec(_session.Audio?.Output?.Format ?? AudioFormat.Pcm24k, decoding: false);
            var chunkSamples = Math.Max(SliceSamples, (int)(_settings.Synthesis.Chunk.TotalMilliseconds * WireAudioCodec.InternalRate / 1000));
            foreach (var sentence in SentenceSplitter.Split(text))
            {
                token.ThrowIfCancellationRequested();
                var piece = (spoken.Length > 0 ? " " : string.Empty) + sentence;
                if (!response.Audio)
                {
                    spoken.Append(piece);
                    Emit(new ResponseOutputTextDelta(response.ResponseId, response.ItemId, 0, 0, piece));
                    continue;
                }

                var speech = await _speech.Synthesizer.SynthesizeAsync(sentence, token);
                var samples = Audio.Processing.PcmResampler.Convert(speech.Samples, speech.SampleRate, WireAudioCodec.InternalRate);
                Emit(new ResponseOutputAudioTranscriptDelta(response.ResponseId, response.ItemId, 0, 0, piece));
                spoken.Append(piece);
                for (var offset = 0; offset < samples.Length; offset += chunkSamples)
                {
                    token.ThrowIfCancellationRequested();
                    var chunk = samples.AsSpan(offset, Math.Min(chunkSamples, samples.Length - offset));
                    Emit(new ResponseOutputAudioDelta(response.ResponseId, response.ItemId, 0, 0, Convert.ToBase64String(encoder.Encode(chunk))));
                    lock (_gate)
                    {
                        if (_assistantAudioMs.TryGetValue(response.ItemId, out var ms))
                        {
                            _assistantAudioMs[response.ItemId] = ms + (chunk.Length * 1000 / WireAudioCodec.InternalRate);
                        }
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
            _logger.LogError(ex, "Session {SessionId}: response {ResponseId} failed", SessionId, response.ResponseId);
            status = RealtimeResponse.Failed;
            failure = ex.Message;
        }

        FinishResponse(response, item, spoken.ToString(), status, failure);
    }

    private void FinishResponse(ActiveResponse response, ConversationItem item, string spoken, string status, string? failure)
    {
        var partType = response.Audio ? ContentPart.OutputAudio : ContentPart.OutputText;
        var part = response.Audio
            ? new ContentPart(partType) { Transcript = spoken }
            : new ContentPart(partType) { Text = spoken };
        if (response.Audio)
        {
            Emit(new ResponseOutputAudioDone(response.ResponseId, response.ItemId, 0, 0));
            Emit(new ResponseOutputAudioTranscriptDone(response.ResponseId, response.ItemId, 0, 0, spoken));
        }
        else
        {
            Emit(new ResponseOutputTextDone(response.ResponseId, response.ItemId, 0, 0, spoken));
        }

        Emit(new ResponseContentPartDone(response.ResponseId, response.ItemId, 0, 0,
            part with { Type = response.Audio ? ContentPart.AudioPart : ContentPart.TextPart }));
        var done = item with
        {
            Status = status == RealtimeResponse.Completed ? "completed" : "incomplete",
            Content = [part],
        };
        lock (_gate)
        {
            var index = _conversation.FindIndex(i => i.Id == item.Id);
            if (index >= 0)
            {
                _conversation[index] = done;
            }

            if (ReferenceEquals(_activeResponse, response))
            {
                _activeResponse = null;
            }
        }

        Emit(new ResponseOutputItemDone(response.ResponseId, 0, done));
        Emit(new ConversationItemDone(done));
        var details = status switch
        {
            RealtimeResponse.Cancelled => new ResponseStatusDetails("cancelled") { Reason = response.CancelReason ?? "client_cancelled" },
            RealtimeResponse.Failed => new ResponseStatusDetails("failed") { Error = new RealtimeError("server_error", failure ?? "failed") { Code = "synthesis_failed" } },
            _ => null,
        };
        Emit(new ResponseDone(new RealtimeResponse(response.ResponseId, status)
        {
            ConversationId = _conversationId,
            Usage = EmptyUsage,
            StatusDetails = details,
            Output = [done],
            OutputModalities = response.Modalities,
            Metadata = response.Metadata,
        }));
    }

    /// <summary>Cancels the active response; its task emits the closing events with status cancelled.</summary>
    private bool CancelActiveResponse(string reason, bool emitDone)
    {
        ActiveResponse? response;
        lock (_gate)
        {
            response = _activeResponse;
            if (response is null || response.Cancellation.IsCancellationRequested)
            {
                return false;
            }
        }

        response.CancelReason = reason;
        response.Cancellation.Cancel();
        if (!emitDone)
        {
            _ = response.Task;
        }

        return true;
    }

    private void EmitError(string code, string message, string? param = null, string? eventId = null)
    {
        _logger.LogDebug("Session {SessionId}: error {Code}: {Message}", SessionId, code, message);
        Emit(new ErrorEvent(new RealtimeError("invalid_request_error", message) { Code = code, Param = param, EventId = eventId }));
    }

    private void Emit(ServerEvent serverEvent) =>
        _outgoing.Writer.TryWrite(serverEvent with { EventId = IdGenerator.Next("event") });

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var serverEvent in _outgoing.Reader.ReadAllAsync(cancellationToken))
        {
            if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                continue;
            }

            var json = RealtimeJson.Serialize(serverEvent);
            if (Dialect == RealtimeDialect.Beta)
            {
                if (BetaDialect.IsGaOnly(serverEvent.Type))
                {
                    continue;
                }

                json = BetaDialect.RenameOutgoing(json, serverEvent.Type);
            }

            FrameObserver?.Invoke(new RealtimeFrame(SessionId, false, json));
            var bytes = Encoding.UTF8.GetBytes(json);
            try
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                _logger.LogDebug("Session {SessionId}: send failed ({Message})", SessionId, ex.Message);
            }
        }
    }

    public void Dispose()
    {
        _utterance?.Dispose();
        _utterance = null;
    }

    private sealed class ActiveResponse(string responseId, string itemId, bool audio, IReadOnlyDictionary<string, string>? metadata, IReadOnlyList<string> modalities)
    {
        public string ResponseId { get; } = responseId;

        public string ItemId { get; } = itemId;

        public bool Audio { get; } = audio;

        public IReadOnlyDictionary<string, string>? Metadata { get; } = metadata;

        public IReadOnlyList<string> Modalities { get; } = modalities;

        public CancellationTokenSource Cancellation { get; } = new();

        public string? CancelReason { get; set; }

        public Task Task { get; set; } = Task.CompletedTask;
    }
}
