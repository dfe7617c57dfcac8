namespace ActorVoice.Audio.Vad;

/// <summary>
/// Energy-based voice activity detector over mono PCM16, in fixed 20 ms frames, with a hangover (the silence window)
/// so that short pauses between words do not end the speech. It reports where speech
/// starts (including prefix padding) and where it stops, in milliseconds of the session's audio.
/// Not thread-safe: one per session.
/// </summary>
public sealed class EnergyVad : IVoiceActivityDetector
{
    private const int FrameMs = 20;
    private readonly int _frameSamples;
    private readonly short[] _pending;
    private int _pendingCount;
    private long _framesProcessed;
    private readonly SpeechSegmenter _segmenter = new();

    public EnergyVad(int sampleRate, VadParameters parameters)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        SampleRate = sampleRate;
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _frameSamples = sampleRate * FrameMs / 1000;
        _pending = new short[_frameSamples];
    }

    public int SampleRate { get; }

    /// <summary>Current thresholds; a session.update may change them between frames.</summary>
    public VadParameters Parameters { get; set; }

    public bool InSpeech => _segmenter.InSpeech;

    /// <summary>Feeds audio; returns the transitions found in it, in order.</summary>
    public IReadOnlyList<VadTransition> Process(ReadOnlySpan<short> samples)
    {
        List<VadTransition>? transitions = null;
        while (!samples.IsEmpty)
        {
            var take = Math.Min(_frameSamples - _pendingCount, samples.Length);
            samples[..take].CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += take;
            samples = samples[take..];
            if (_pendingCount == _frameSamples)
            {
                var transition = ProcessFrame(_pending);
                _pendingCount = 0;
                if (transition is not null)
                {
                    (transitions ??= []).Add(transition);
                }
            }
        }

        return transitions ?? (IReadOnlyList<VadTransition>)[];
    }

    /// <summary>Forgets any speech in progress (e.g. after input_audio_buffer.clear).</summary>
    public void Reset() => _segmenter.Reset();

    /// <summary>Level of a frame in dB relative to full scale (−120 for digital silence).</summary>
    public static double Dbfs(ReadOnlySpan<short> frame)
    {
        if (frame.IsEmpty)
        {
            return -120;
        }

        double sum = 0;
        foreach (var s in frame)
        {
            var v = s / 32768.0;
            sum += v * v;
        }

        var rms = Math.Sqrt(sum / frame.Length);
        return rms <= 1e-6 ? -120 : 20 * Math.Log10(rms);
    }

    private VadTransition? ProcessFrame(ReadOnlySpan<short> frame)
    {
        var frameStartMs = _framesProcessed * FrameMs;
        _framesProcessed++;
        var voice = Dbfs(frame) > Parameters.ThresholdDbfs ? StepVoice.Speech : StepVoice.Silence;
        return _segmenter.Step(frameStartMs, FrameMs, voice, Parameters);
    }
}
