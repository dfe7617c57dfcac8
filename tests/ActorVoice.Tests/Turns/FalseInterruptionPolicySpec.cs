using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Turns.BargeIn;

namespace ActorVoice.Tests.Turns;

/// <summary>The barge-in policy's false-interruption decisions: pause first, then words interrupt and no words resume.</summary>
public class FalseInterruptionPolicySpec
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly TurnSettings Turn = EngineSettings.Reference.Turn with
    {
        BargeInMinSpeech = TimeSpan.FromMilliseconds(250),
        FalseInterruptionTimeout = TimeSpan.FromSeconds(2),
    };

    private static DateTimeOffset At(double ms) => T0 + TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Speech_that_would_interrupt_should_pause_first_for_the_timeout()
    {
        var policy = new BargeInPolicy(Turn);
        var pause = Assert.IsType<BargeInDecision.Pause>(policy.OnLocalSpeech(At(700), At(450)));
        Assert.Equal(TimeSpan.FromSeconds(2), pause.Wait);
        Assert.NotNull(policy.Paused);

        // The server's report of the same speech only names its item.
        Assert.Same(BargeInDecision.None, policy.OnServerSpeech("item_v", At(800), At(450)));
        Assert.Equal("item_v", policy.Paused!.ItemId);
    }

    [Fact]
    public void Sound_that_never_stops_should_hold_the_answer_no_longer_than_the_max_pause()
    {
        var policy = new BargeInPolicy(Turn with { FalseInterruptionMaxPause = TimeSpan.FromSeconds(6) });
        policy.OnLocalSpeech(At(0), At(0));

        // 2 s and 4 s: the sound goes on, the pause is extended; at 6 s it resumes without words.
        Assert.IsType<BargeInDecision.Pause>(policy.OnPauseTimeout());
        Assert.IsType<BargeInDecision.Pause>(policy.OnPauseTimeout());
        var resume = Assert.IsType<BargeInDecision.Resume>(policy.OnPauseTimeout());
        Assert.Contains("without words", resume.Reason, StringComparison.Ordinal);
        Assert.Null(policy.Paused);

        // A new pause starts counting afresh.
        policy.OnLocalSpeech(At(9000), At(9000));
        Assert.IsType<BargeInDecision.Pause>(policy.OnPauseTimeout());
    }

    [Fact]
    public void A_word_that_is_not_a_backchannel_should_interrupt_and_its_start_should_not()
    {
        var policy = new BargeInPolicy(Turn);
        policy.OnServerSpeech("item_v", At(0), At(0));
        Assert.IsType<BargeInDecision.Pause>(policy.OnGuardPassed(At(250)));
        Assert.Same(BargeInDecision.None, policy.OnTranscriptDelta("item_v", "mm", At(400)));
        var interrupt = Assert.IsType<BargeInDecision.Interrupt>(policy.OnTranscriptDelta("item_v", " what", At(500)));
        Assert.Equal("item_v", interrupt.NextItemId);
        Assert.Equal(At(250), interrupt.Candidate.DetectedAt);
        Assert.Null(policy.Paused);
    }

    [Fact]
    public void No_words_or_a_backchannel_should_resume_and_a_timeout_should_resume_only_after_the_speech_stopped()
    {
        var policy = new BargeInPolicy(Turn);
        policy.OnLocalSpeech(At(0), At(0));
        Assert.IsType<BargeInDecision.Resume>(policy.OnTranscript("item_a", "", At(900)));

        policy.OnLocalSpeech(At(1000), At(1000));
        Assert.IsType<BargeInDecision.Resume>(policy.OnTranscript("item_b", "Okay.", At(1900)));

        policy.OnLocalSpeech(At(3000), At(3000));
        Assert.IsType<BargeInDecision.Pause>(policy.OnPauseTimeout()); // still speaking: wait on
        policy.OnPausedSpeechStopped("item_c");
        Assert.IsType<BargeInDecision.Resume>(policy.OnPauseTimeout());
        Assert.Equal("item_c", policy.ResumedItemId);

        // Words of that speech arriving late still interrupt.
        Assert.IsType<BargeInDecision.Interrupt>(policy.OnTranscript("item_c", "stop please", At(6000)));
    }

    [Fact]
    public void Half_duplex_and_barge_in_off_should_neither_pause_nor_interrupt()
    {
        Assert.IsType<BargeInDecision.Ignore>(new BargeInPolicy(Turn with { HalfDuplex = true }).OnLocalSpeech(At(0), At(0)));
        Assert.IsType<BargeInDecision.Ignore>(new BargeInPolicy(Turn with { BargeIn = false }).OnServerSpeech("i", At(0), At(0)));
    }

    [Fact]
    public void A_lone_function_word_should_count_as_no_words_but_a_content_word_or_two_words_should_interrupt()
    {
        var policy = new BargeInPolicy(Turn);
        Assert.False(policy.HasWords("if"));
        Assert.False(policy.HasWords("Okay."));
        Assert.True(policy.HasWords("stop"));
        Assert.True(policy.HasWords("no no"));

        policy.OnLocalSpeech(At(0), At(0));
        Assert.Same(BargeInDecision.None, policy.OnTranscriptDelta("item_a", "if", At(300)));
        Assert.IsType<BargeInDecision.Resume>(policy.OnTranscript("item_a", "if", At(900)));
    }
}
