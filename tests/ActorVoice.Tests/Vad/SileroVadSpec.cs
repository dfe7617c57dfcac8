using ActorVoice.Audio.Files;
using ActorVoice.Audio.Vad;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Vad;

/// <summary>The Silero VAD on real speech and on sounds that are not speech; needs scripts/silero-model.sh to have run.</summary>
public class SileroVadSpec
{
    private const int Rate = 24_000;
    private static readonly VadParameters Parameters = new(ThresholdDbfs: -35, PrefixPaddingMs: 0, SilenceDurationMs: 500, MinSpeechMs: 120);
    private static readonly SileroThresholds Thresholds = new(0.5, 0.35);

    private static SileroVad NewVad() => new(SileroVadModel.Shared(null), Rate, Parameters, Thresholds);

    private static short[] Question() => WavFile.LoadMono16(RepoPaths.Question("q01.wav"), Rate);

    private static short[] Silence(int ms) => new short[Rate * ms / 1000];

    private static short[] Concat(params short[][] parts) => [.. parts.SelectMany(p => p)];

    [Fact]
    public void Model_should_have_the_v5_signature()
    {
        var nodes = SileroVadModel.Shared(null).DescribeNodes();

        Assert.Contains(nodes, n => n.StartsWith("in  input: Float", StringComparison.Ordinal));
        Assert.Contains(nodes, n => n.StartsWith("in  state: Float [2, -1, 128]", StringComparison.Ordinal));
        Assert.Contains(nodes, n => n.StartsWith("in  sr: Int64", StringComparison.Ordinal));
        Assert.Contains(nodes, n => n.StartsWith("out stateN: Float", StringComparison.Ordinal));
    }

    [Fact]
    public void Spoken_question_should_start_and_stop_speech_where_its_clean_audio_does()
    {
        using var vad = NewVad();
        var question = Question();
        var transitions = vad.Process(Concat(Silence(1000), question, Silence(1500)));

        Assert.Equal([VadTransitionKind.SpeechStarted, VadTransitionKind.SpeechStopped], transitions.Select(t => t.Kind));
        // Where the speech in the clean audio starts and ends, frame by frame (the file has silence at both ends).
        var energy = new EnergyVad(Rate, Parameters).Process(Concat(Silence(1000), question, Silence(1500)));
        Assert.InRange(transitions[0].AudioMs, energy[0].AudioMs - 100, energy[0].AudioMs + 100);
        Assert.InRange(transitions[1].AudioMs, energy[1].AudioMs - 200, energy[1].AudioMs + 200);
        Assert.False(vad.InSpeech);
    }

    [Fact]
    public void Silence_and_white_noise_should_give_no_speech()
    {
        using var vad = NewVad();
        var random = new Random(3);
        var noise = Enumerable.Range(0, Rate * 3).Select(_ => (short)random.Next(-3000, 3000)).ToArray();
        float loudest = 0;
        var transitions = new List<VadTransition>();
        foreach (var chunk in Concat(Silence(2000), noise).Chunk(Rate / 50))
        {
            transitions.AddRange(vad.Process(chunk));
            loudest = Math.Max(loudest, vad.LastProbability);
        }

        Assert.Empty(transitions);
        Assert.True(loudest < 0.35f, $"speech probability reached {loudest}");
        Assert.Equal(5000 * 16 / 512, vad.WindowsProcessed); // 5 s at 16 kHz in whole 512-sample windows
    }

    [Fact]
    public void Transitions_should_not_depend_on_how_the_audio_is_chunked()
    {
        var audio = Concat(Silence(700), Question(), Silence(1200));
        using var whole = NewVad();
        var expected = whole.Process(audio);
        using var chunked = NewVad();
        var actual = audio.Chunk(333).SelectMany(c => chunked.Process(c)).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Missing_model_should_name_the_script_that_fetches_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-folder", "silero_vad.onnx");

        var error = Assert.Throws<SileroModelMissingException>(() => SileroVadModel.Resolve(missing));
        Assert.Contains("scripts/silero-model.sh", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);

        var choice = new VadChoice(VadKind.Silero, Thresholds, missing);
        Assert.Throws<SileroModelMissingException>(() => choice.Create(Rate, Parameters));
        Assert.Throws<SileroModelMissingException>(choice.EnsureAvailable);
    }

    [Fact]
    public void Energy_choice_should_need_no_model()
    {
        var choice = new VadChoice(VadKind.Energy, Thresholds, "/no/such/model.onnx");
        choice.EnsureAvailable();
        Assert.IsType<EnergyVad>(choice.Create(Rate, Parameters));
    }

    [Fact]
    public void End_threshold_above_the_start_one_should_be_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SileroThresholds(0.4, 0.6));
        Assert.Equal(0.35, SileroThresholds.FromStart(0.5).End, 6);
    }
}
