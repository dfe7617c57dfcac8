using ActorVoice.Audio.Vad;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions.Configuration;
using ActorVoice.LocalServer.Sessions.Responses;
using ActorVoice.LocalServer.Sessions.Transport;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Serialization;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.LocalServer.Sessions.Input;

/// <summary>
/// The input audio buffer of one session. With turn detection on, appended audio runs through the VAD (energy or Silero,
/// <c>vad.kind</c>) in 20 ms
/// slices: speech start opens a streaming recognition (fed the padded audio heard since the start) and interrupts the
/// response, speech stop commits the turn. With it off, audio accumulates until the client commits it. Runs on the
/// session's loop; each turn is decoded off it by an <see cref="UtteranceWorker"/>.
/// </summary>
internal sealed class InputAudioPipeline : IDisposable
{
    private readonly SessionState _state;
    private readonly ServerEventOutbox _outbox;
    private readonly ResponseSynthesizer _responses;
    private readonly UserTurnCommitter _turns;
    private readonly LocalServerSettings _settings;
    private readonly ByteBudget _audioBudget;
    private readonly IVoiceActivityDetector _vad;
    private readonly List<short> _preSpeech = [];
    private readonly List<short> _manualBuffer = [];
    private WireAudioCodec _codec;
    private long _inputSamples;
    private UtteranceWorker? _utterance;
    private string? _speechItemId;
    private long _speechStartMs;

    public InputAudioPipeline(
        SessionState state, ServerEventOutbox outbox, ResponseSynthesizer responses, UserTurnCommitter turns, LocalServerSettings settings)
    {
        _state = state;
        _outbox = outbox;
        _responses = responses;
        _turns = turns;
        _settings = settings;
        _audioBudget = new ByteBudget(settings.MaxAudioBytesPerSecond, TimeSpan.FromSeconds(10));
        _codec = new WireAudioCodec(state.Configuration.InputFormat, decoding: true);
        _vad = state.Configuration.VadChoice.Create(WireAudio.SampleRate, state.Configuration.VadParameters);
    }

    private SessionConfiguration Configuration => _state.Configuration;

    /// <summary>Follows a session update: a new input format gets a new decoder, the VAD new parameters.</summary>
    public void Reconfigure()
    {
        var format = Configuration.InputFormat;
        if (format.Type != _codec.FormatType)
        {
            _codec = new WireAudioCodec(format, decoding: true);
        }

        _vad.Parameters = Configuration.VadParameters;
        if (_vad is SileroVad silero)
        {
            silero.Thresholds = Configuration.VadChoice.Silero;
        }
    }

    /// <summary><c>input_audio_buffer.append</c>.</summary>
    public void Append(string base64Audio)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64Audio);
        }
        catch (FormatException)
        {
            throw new RealtimeProtocolException("invalid_value", "Invalid 'audio': expected base64-encoded audio bytes.", "audio");
        }

        if (!_audioBudget.TryTake(bytes.Length))
        {
            throw new RealtimeProtocolException("rate_limit_exceeded",
                $"Input audio arrives faster than this server's limit of {_settings.MaxAudioBytesPerSecond} bytes per second; the append was dropped.", "audio");
        }

        var samples = _codec.Decode(bytes);
        if (Configuration.TurnDetection is null)
        {
            _manualBuffer.AddRange(samples);
            _inputSamples += samples.Length;
            return;
        }

        foreach (var slice in WireAudioTime.Slices(samples, WireAudioTime.SliceSamples))
        {
            ProcessSlice(slice.Span);
        }
    }

    /// <summary><c>input_audio_buffer.commit</c>: with VAD on it ends the current speech (if any) as a turn.</summary>
    public void Commit()
    {
        if (Configuration.TurnDetection is not null)
        {
            if (_speechItemId is null)
            {
                throw new RealtimeProtocolException("input_audio_buffer_commit_empty",
                    "Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has 0.00ms of audio.");
            }

            var itemId = _speechItemId;
            _speechItemId = null;
            _vad.Reset();
            _turns.CommitHeard(itemId, TakeUtterance(), HeardSeconds());
            return;
        }

        var bufferedMs = WireAudio.Milliseconds(_manualBuffer.Count);
        if (bufferedMs < 100)
        {
            throw new RealtimeProtocolException("input_audio_buffer_commit_empty",
                $"Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has {bufferedMs:0.00}ms of audio.");
        }

        var audio = _manualBuffer.ToArray();
        _manualBuffer.Clear();
        _turns.CommitBuffered(IdGenerator.Next("item"), audio);
    }

    /// <summary><c>input_audio_buffer.clear</c>.</summary>
    public void Clear()
    {
        _manualBuffer.Clear();
        _preSpeech.Clear();
        _speechItemId = null;
        TakeUtterance()?.Abandon();
        _vad.Reset();
        _outbox.Emit(new InputAudioBufferCleared());
    }

    private void ProcessSlice(ReadOnlySpan<short> slice)
    {
        _inputSamples += slice.Length;
        if (_speechItemId is null)
        {
            _preSpeech.AddRange(slice);
            var keep = (int)WireAudioTime.Samples(_vad.Parameters.PrefixPaddingMs + _vad.Parameters.MinSpeechMs + 100);
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
        _outbox.Emit(new SpeechStarted((int)audioStartMs, _speechItemId));
        if (Configuration.TurnDetection?.InterruptResponse != false)
        {
            _responses.Cancel("turn_detected");
        }

        if (_turns.Hears)
        {
            _utterance = _turns.StartUtterance(_speechItemId);

            // Feed what was heard since the padded start of speech.
            var nowMs = WireAudioTime.WholeMilliseconds(_inputSamples);
            var backSamples = (int)Math.Min(_preSpeech.Count, WireAudioTime.Samples(nowMs - audioStartMs));
            if (backSamples > 0)
            {
                FeedRecognizer(_preSpeech.GetRange(_preSpeech.Count - backSamples, backSamples).ToArray());
            }
        }

        _preSpeech.Clear();
    }

    private void FeedRecognizer(ReadOnlySpan<short> samples)
    {
        if (_speechItemId is not null)
        {
            _utterance?.Feed(samples);
        }
    }

    private void OnSpeechStopped(long audioEndMs)
    {
        var itemId = _speechItemId ?? IdGenerator.Next("item");
        _speechItemId = null;
        _outbox.Emit(new SpeechStopped((int)audioEndMs, itemId));
        _turns.SpeechStopped(itemId, TakeUtterance(), HeardSeconds());
    }

    private double HeardSeconds() => (WireAudioTime.WholeMilliseconds(_inputSamples) / 1000.0) - (_speechStartMs / 1000.0);

    private UtteranceWorker? TakeUtterance()
    {
        var utterance = _utterance;
        _utterance = null;
        return utterance;
    }

    public void Dispose()
    {
        TakeUtterance()?.Abandon();
        (_vad as IDisposable)?.Dispose();
    }
}
