using System.Text.Json.Nodes;
using ActorVoice.Audio.Vad;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Serialization;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.LocalServer.Sessions.Configuration;

/// <summary>
/// The session object of one session: the server's defaults at first, then every <c>session.update</c> merged onto it
/// (a JSON merge patch) and validated as a whole. An invalid update throws a <see cref="RealtimeProtocolException"/>
/// naming the offending <c>param</c> and leaves the configuration as it was.
/// </summary>
public sealed class SessionConfiguration
{
    private readonly VadSettings _vad;
    private readonly string _serverVoice;
    private JsonObject _json;

    public SessionConfiguration(LocalServerSettings settings, string? model)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _vad = settings.Vad;
        _serverVoice = settings.Synthesis.Voice;
        Current = new SessionConfig
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
        _json = RealtimeJson.SessionToJson(Current);
    }

    /// <summary>The session as last accepted; an immutable snapshot, replaced whole by <see cref="Update"/>.</summary>
    public SessionConfig Current { get; private set; }

    public string SessionId => Current.Id!;

    /// <summary>Server or semantic VAD ends turns; null means the client commits them.</summary>
    public TurnDetection? TurnDetection => Current.Audio?.Input?.TurnDetection;

    public bool TranscriptionOn => Current.Audio?.Input?.Transcription is not null;

    public AudioFormat InputFormat => Current.Audio?.Input?.Format ?? AudioFormat.Pcm24k;

    public AudioFormat OutputFormat => Current.Audio?.Output?.Format ?? AudioFormat.Pcm24k;

    /// <summary>The server VAD's parameters for the current turn detection (semantic VAD maps eagerness to a silence window).</summary>
    public VadParameters VadParameters
    {
        get
        {
            var td = TurnDetection;
            var silence = td?.Type == TurnDetection.SemanticVad
                ? td.Eagerness switch { "high" => 300, "low" => 1500, _ => 800 }
                : td?.SilenceDurationMs ?? (int)_vad.SilenceDuration.TotalMilliseconds;
            return new VadParameters(
                VadParameters.ThresholdToDbfs(td?.Threshold ?? _vad.Threshold, _vad.MinDbfs, _vad.MaxDbfs),
                td?.PrefixPaddingMs ?? (int)_vad.PrefixPadding.TotalMilliseconds,
                silence,
                (int)_vad.MinSpeechDuration.TotalMilliseconds);
        }
    }

    /// <summary>The server VAD's detector for the current turn detection (Silero starts speech at its threshold).</summary>
    public VadChoice VadChoice => _vad.ChoiceFor(TurnDetection?.Threshold ?? _vad.Threshold);

    /// <summary>The modalities of a response: its own, else the session's, else audio.</summary>
    public IReadOnlyList<string> OutputModalitiesFor(ResponseCreateParams? parameters) =>
        parameters?.OutputModalities ?? Current.OutputModalities ?? ["audio"];

    /// <summary>
    /// Merges the <c>session</c> object of a <c>session.update</c> onto the current session and validates the result;
    /// returns the new session. Throws <see cref="RealtimeProtocolException"/> (without an event id) when invalid.
    /// </summary>
    public SessionConfig Update(JsonObject? patch)
    {
        if (patch is null)
        {
            throw new RealtimeProtocolException("missing_required_parameter", "Missing required parameter: 'session'.", "session");
        }

        if (patch["type"] is null)
        {
            throw new RealtimeProtocolException("missing_required_parameter", "Missing required parameter: 'session.type'.", "session.type");
        }

        ParameterValidator.ValidateSession(patch, _serverVoice);
        var newTurnDetectionType = patch["audio"]?["input"]?["turn_detection"]?["type"]?.GetValue<string>();
        var merged = (JsonObject)_json.DeepClone();
        if (newTurnDetectionType is not null && newTurnDetectionType != TurnDetection?.Type
            && merged["audio"]?["input"] is JsonObject mergedInput)
        {
            // A new kind of turn detection replaces the old object: server_vad's threshold and durations mean nothing
            // to semantic_vad, and the other way round the server's defaults apply, not stale values.
            mergedInput["turn_detection"] = null;
        }

        MergePatch(merged, patch);
        merged["id"] = Current.Id;
        merged["object"] = "realtime.session";
        var candidate = RealtimeJson.SessionFromJson(merged);
        Validate(candidate);
        _json = merged;
        Current = candidate;
        return candidate;
    }

    /// <summary>
    /// Checks the parameters of a raw <c>session.update</c> or <c>response.create</c> frame like OpenAI does, before
    /// it is decoded; throws <see cref="RealtimeProtocolException"/> naming the offending <c>param</c> and the client's
    /// event id, so nothing is applied and no response starts. Other frames pass untouched.
    /// </summary>
    public void ValidateFrame(string frame) => ParameterValidator.ValidateFrame(frame, _serverVoice);

    private static void Validate(SessionConfig candidate)
    {
        if (candidate.Type is not ("realtime" or "transcription"))
        {
            throw new RealtimeProtocolException("invalid_value", $"Invalid value: '{candidate.Type}'. Supported values are: 'realtime' and 'transcription'.", "session.type");
        }

        foreach (var (format, param) in new[] { (candidate.Audio?.Input?.Format, "session.audio.input.format"), (candidate.Audio?.Output?.Format, "session.audio.output.format") })
        {
            if (!WireAudioCodec.IsSupported(format))
            {
                throw new RealtimeProtocolException("invalid_value",
                    $"Unsupported audio format '{format!.Type}' (rate {format.Rate}): use audio/pcm at {WireAudio.SampleRate} Hz, audio/pcmu or audio/pcma.", param);
            }
        }

        var modalities = candidate.OutputModalities;
        if (modalities is { Count: not 1 } || (modalities is [var m] && m is not ("audio" or "text")))
        {
            throw new RealtimeProtocolException("invalid_value", "output_modalities must be [\"audio\"] or [\"text\"].", "session.output_modalities");
        }

        var turnDetection = candidate.Audio?.Input?.TurnDetection;
        if (turnDetection is not null && turnDetection.Type is not (TurnDetection.ServerVad or TurnDetection.SemanticVad))
        {
            throw new RealtimeProtocolException("invalid_value", $"Invalid turn_detection type '{turnDetection.Type}'.", "session.audio.input.turn_detection.type");
        }
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
}
