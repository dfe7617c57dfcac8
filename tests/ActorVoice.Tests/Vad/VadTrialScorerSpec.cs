using ActorVoice.Audio.Vad;
using ActorVoice.Evaluation.Noise;

namespace ActorVoice.Tests.Vad;

/// <summary>The VAD bench's counting: false barge-ins, early and missed turn ends, latency, on constructed trials.</summary>
public class VadTrialScorerSpec
{
    private const int Rate = 24_000;
    private static readonly IReadOnlyList<SpeechSegment> Utterance = [new(2000, 3000), new(3800, 4500)];

    private static DetectedTransition Start(long emitted, long audio = -1) => new(VadTransitionKind.SpeechStarted, audio < 0 ? emitted - 100 : audio, emitted);

    private static DetectedTransition Stop(long emitted) => new(VadTransitionKind.SpeechStopped, emitted - 500, emitted);

    [Fact]
    public void Clean_detection_should_count_nothing_but_the_latency()
    {
        var score = VadTrialScorer.Score([Start(2120), Stop(5020)], Utterance, endWindowMs: 2000);

        Assert.Equal(new VadTrialScore(0, EarlyEnd: false, MissedEnd: false, MissedSpeech: false, EndLatencyMs: 520), score);
    }

    [Fact]
    public void Starts_in_the_lead_in_or_after_the_end_should_be_false_barge_ins()
    {
        var score = VadTrialScorer.Score([Start(800), Stop(1500), Start(2100), Stop(5000), Start(5600, audio: 5400), Stop(6200)], Utterance, 2000);

        Assert.Equal(2, score.FalseBargeIns);
        Assert.Equal(500, score.EndLatencyMs);
        Assert.False(score.EarlyEnd);
    }

    [Fact]
    public void Stop_inside_a_segment_should_be_an_early_end_but_not_one_in_a_long_pause()
    {
        var early = VadTrialScorer.Score([Start(2100), Stop(2900), Start(3900), Stop(5000)], Utterance, 2000);
        var inPause = VadTrialScorer.Score([Start(2100), Stop(3500), Start(3900), Stop(5000)], Utterance, 2000);

        Assert.True(early.EarlyEnd);
        Assert.False(inPause.EarlyEnd);
        Assert.Equal(500, inPause.EndLatencyMs);
    }

    [Fact]
    public void Speech_that_never_ends_within_the_window_should_be_a_missed_turn_end()
    {
        var never = VadTrialScorer.Score([Start(2100)], Utterance, 2000);
        var late = VadTrialScorer.Score([Start(2100), Stop(7000)], Utterance, 2000);
        var leadInNoiseRunningOn = VadTrialScorer.Score([Start(900)], Utterance, 2000);

        Assert.True(never.MissedEnd);
        Assert.True(late.MissedEnd);
        Assert.Null(late.EndLatencyMs);
        Assert.True(leadInNoiseRunningOn.MissedEnd);
        Assert.Equal(1, leadInNoiseRunningOn.FalseBargeIns);
        Assert.False(leadInNoiseRunningOn.MissedSpeech);
    }

    [Fact]
    public void No_speech_heard_should_be_missed_speech_and_not_a_missed_end()
    {
        var score = VadTrialScorer.Score([], Utterance, 2000);

        Assert.True(score.MissedSpeech);
        Assert.False(score.MissedEnd);
        Assert.Null(score.EndLatencyMs);
    }

    [Fact]
    public void Energy_vad_on_a_constructed_trial_should_count_a_click_burst_as_a_false_barge_in()
    {
        // 1 s quiet, a 300 ms burst (a door), 700 ms quiet, 1 s "speech" with a 200 ms pause, 1.5 s quiet.
        var audio = Concat(Silence(1000), Tone(300), Silence(700), Tone(400), Silence(200), Tone(400), Silence(1500));
        var clean = Concat(Silence(2000), Tone(400), Silence(200), Tone(400), Silence(1500));
        var reference = SpeechActivity.Segments(clean, Rate, silenceMs: 500);
        var vad = new EnergyVad(Rate, new VadParameters(-35, 0, SilenceDurationMs: 500, MinSpeechMs: 100));
        var transitions = new List<DetectedTransition>();
        var fed = 0;
        foreach (var frame in audio.Chunk(Rate / 50))
        {
            var found = vad.Process(frame);
            fed += frame.Length;
            transitions.AddRange(found.Select(t => new DetectedTransition(t.Kind, t.AudioMs, fed * 1000L / Rate)));
        }

        var score = VadTrialScorer.Score(transitions, reference, endWindowMs: 2000);

        Assert.Equal([new SpeechSegment(2000, 3000)], reference);
        Assert.Equal(1, score.FalseBargeIns);
        Assert.False(score.EarlyEnd);
        Assert.False(score.MissedEnd);
        Assert.Equal(500, score.EndLatencyMs);
    }

    [Fact]
    public void Active_level_should_ignore_the_silence_around_speech()
    {
        var tone = Tone(500);
        var level = SpeechActivity.ActiveRms(Concat(Silence(2000), tone, Silence(2000)), Rate);

        Assert.Equal(0.3 / Math.Sqrt(2), level, 2);
    }

    private static short[] Silence(int ms) => new short[Rate * ms / 1000];

    private static short[] Tone(int ms)
    {
        var samples = new short[Rate * ms / 1000];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(Math.Sin(2 * Math.PI * 440 * i / Rate) * 0.3 * 32767);
        }

        return samples;
    }

    private static short[] Concat(params short[][] parts) => [.. parts.SelectMany(p => p)];
}
