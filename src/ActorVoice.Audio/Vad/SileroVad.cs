using Microsoft.ML.OnnxRuntime;

namespace ActorVoice.Audio.Vad;

/// <summary>
/// Neural voice activity detector over mono PCM16 at 16 or 24 kHz (24 kHz is resampled to the model's 16 kHz): one
/// speech probability from <see cref="SileroVadModel"/> per 32 ms window, then the same transitions as
/// <see cref="EnergyVad"/> with hysteresis (<see cref="Thresholds"/>): speech starts after
/// <see cref="VadParameters.MinSpeechMs"/> of windows at or above the start threshold and stops after
/// <see cref="VadParameters.SilenceDurationMs"/> of windows below the end threshold. <see cref="VadParameters.ThresholdDbfs"/>
/// is not used. The model's session is shared; the recurrent state, context and tensors are this stream's, allocated
/// once. Not thread-safe: one per stream; dispose it to release the tensors.
/// </summary>
public sealed class SileroVad : IVoiceActivityDetector, IDisposable
{
    private const int WindowMs = SileroVadModel.WindowSamples * 1000 / SileroVadModel.SampleRate;
    private static readonly string[] InputNames = [SileroVadModel.InputName, SileroVadModel.StateName, SileroVadModel.SampleRateName];
    private static readonly string[] OutputNames = [SileroVadModel.OutputName, SileroVadModel.StateOutputName];

    private readonly SileroVadModel _model;
    private readonly Downsampler24To16? _downsampler;
    private readonly float[] _input = new float[SileroVadModel.ContextSamples + SileroVadModel.WindowSamples];
    private readonly float[] _state = new float[SileroVadModel.StateLength];
    private readonly float[] _stateOut = new float[SileroVadModel.StateLength];
    private readonly float[] _probability = new float[1];
    private readonly long[] _sampleRate = [SileroVadModel.SampleRate];
    private readonly OrtValue[] _inputValues;
    private readonly OrtValue[] _outputValues;
    private readonly RunOptions _runOptions = new();
    private int _windowFill;
    private long _windowsProcessed;
    private readonly SpeechSegmenter _segmenter = new();
    private bool _disposed;

    public SileroVad(SileroVadModel model, int sampleRate, VadParameters parameters, SileroThresholds thresholds)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _downsampler = sampleRate switch
        {
            24_000 => new Downsampler24To16(),
            SileroVadModel.SampleRate => null,
            _ => throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The Silero VAD takes 16 kHz or 24 kHz audio."),
        };
        SampleRate = sampleRate;
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        Thresholds = thresholds ?? throw new ArgumentNullException(nameof(thresholds));

        // Tensors over this stream's own arrays: each window's run writes the arrays in place, nothing is allocated per window.
        _inputValues =
        [
            OrtValue.CreateTensorValueFromMemory(_input, [1, _input.Length]),
            OrtValue.CreateTensorValueFromMemory(_state, [2, 1, 128]),
            OrtValue.CreateTensorValueFromMemory(_sampleRate, [1]),
        ];
        _outputValues =
        [
            OrtValue.CreateTensorValueFromMemory(_probability, [1, 1]),
            OrtValue.CreateTensorValueFromMemory(_stateOut, [2, 1, 128]),
        ];
    }

    public int SampleRate { get; }

    public VadParameters Parameters { get; set; }

    /// <summary>Start and end thresholds on the speech probability; a session.update may change them between frames.</summary>
    public SileroThresholds Thresholds { get; set; }

    public bool InSpeech => _segmenter.InSpeech;

    /// <summary>The speech probability of the last window (0 before the first).</summary>
    public float LastProbability => _probability[0];

    /// <summary>Windows run through the model so far.</summary>
    public long WindowsProcessed => _windowsProcessed;

    public IReadOnlyList<VadTransition> Process(ReadOnlySpan<short> samples)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        List<VadTransition>? transitions = null;
        foreach (var s in samples)
        {
            var value = s / 32768f;
            if (_downsampler is not null && !_downsampler.Push(value, out value))
            {
                continue;
            }

            _input[SileroVadModel.ContextSamples + _windowFill++] = value;
            if (_windowFill < SileroVadModel.WindowSamples)
            {
                continue;
            }

            _windowFill = 0;
            var transition = OnWindow(RunModel());
            if (transition is not null)
            {
                (transitions ??= []).Add(transition);
            }
        }

        return transitions ?? (IReadOnlyList<VadTransition>)[];
    }

    /// <summary>Forgets any speech in progress; the model's memory of the audio is kept (the audio itself goes on).</summary>
    public void Reset() => _segmenter.Reset();

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var value in _inputValues.Concat(_outputValues))
        {
            value.Dispose();
        }

        _runOptions.Dispose();
    }

    private float RunModel()
    {
        _model.Session.Run(_runOptions, InputNames, _inputValues, OutputNames, _outputValues);
        _stateOut.CopyTo(_state, 0);
        // The next window is preceded by the last 64 samples of this one, as the model was trained.
        _input.AsSpan(SileroVadModel.WindowSamples, SileroVadModel.ContextSamples).CopyTo(_input);
        _windowsProcessed++;
        return _probability[0];
    }

    private VadTransition? OnWindow(float probability)
    {
        var windowStartMs = (_windowsProcessed - 1) * WindowMs;
        var thresholds = Thresholds;
        // Hysteresis: speech starts at the start threshold; once it runs, only windows below the end threshold are
        // silence; before it, a window between the two holds a candidate start, neither grown nor dropped.
        var voice = InSpeech
            ? (probability >= thresholds.End ? StepVoice.Speech : StepVoice.Silence)
            : probability >= thresholds.Start ? StepVoice.Speech
            : probability < thresholds.End ? StepVoice.Silence
            : StepVoice.Undecided;
        return _segmenter.Step(windowStartMs, WindowMs, voice, Parameters);
    }
}
