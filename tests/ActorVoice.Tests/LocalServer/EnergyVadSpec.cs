using ActorVoice.Audio.Vad;

namespace ActorVoice.Tests.LocalServer;

public class EnergyVadSpec
{
    private const int Rate = 24000;
    private static readonly VadParameters Parameters = new(ThresholdDbfs: -35, PrefixPaddingMs: 300, SilenceDurationMs: 500, MinSpeechMs: 100);

    private static short[] Silence(int ms) => new short[Rate * ms / 1000];

    private static short[] Tone(int ms, double amplitude = 0.3)
    {
        var samples = new short[Rate * ms / 1000];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(Math.Sin(2 * Math.PI * 440 * i / Rate) * amplitude * 32767);
        }

        return samples;
    }

    [Fact]
    public void Silence_should_produce_no_transitions()
    {
        var vad = new EnergyVad(Rate, Parameters);
        Assert.Empty(vad.Process(Silence(3000)));
        Assert.False(vad.InSpeech);
    }

    [Fact]
    public void Speech_should_start_at_onset_minus_prefix_padding_and_stop_after_the_silence_window()
    {
        var vad = new EnergyVad(Rate, Parameters);
        var transitions = new List<VadTransition>();
        transitions.AddRange(vad.Process(Silence(1000)));
        transitions.AddRange(vad.Process(Tone(800)));
        transitions.AddRange(vad.Process(Silence(1000)));

        Assert.Equal(2, transitions.Count);
        Assert.Equal(VadTransitionKind.SpeechStarted, transitions[0].Kind);
        Assert.Equal(1000 - 300, transitions[0].AudioMs);
        Assert.Equal(VadTransitionKind.SpeechStopped, transitions[1].Kind);
        Assert.Equal(1800, transitions[1].AudioMs);
        Assert.False(vad.InSpeech);
    }

    [Fact]
    public void Clicks_shorter_than_the_minimum_speech_duration_should_be_ignored()
    {
        var vad = new EnergyVad(Rate, Parameters);
        var transitions = new List<VadTransition>();
        transitions.AddRange(vad.Process(Tone(60)));
        transitions.AddRange(vad.Process(Silence(1000)));
        Assert.Empty(transitions);
    }

    [Fact]
    public void Quiet_sound_below_the_threshold_should_not_count_as_speech()
    {
        var vad = new EnergyVad(Rate, Parameters);
        Assert.Empty(vad.Process(Tone(1000, amplitude: 0.005)));
    }

    [Fact]
    public void Audio_split_into_odd_sized_chunks_should_give_the_same_transitions()
    {
        var whole = Silence(500).Concat(Tone(700)).Concat(Silence(900)).ToArray();
        var expected = new EnergyVad(Rate, Parameters).Process(whole);
        var chunked = new EnergyVad(Rate, Parameters);
        var actual = new List<VadTransition>();
        for (var offset = 0; offset < whole.Length; offset += 333)
        {
            actual.AddRange(chunked.Process(whole.AsSpan(offset, Math.Min(333, whole.Length - offset))));
        }

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(0.0, -60)]
    [InlineData(0.5, -35)]
    [InlineData(1.0, -10)]
    [InlineData(2.0, -10)]
    public void Threshold_should_map_linearly_onto_the_dbfs_range(double threshold, double expected) =>
        Assert.Equal(expected, VadParameters.ThresholdToDbfs(threshold, -60, -10), 6);
}
