using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Turns.BargeIn;

namespace ActorVoice.Tests.Turns;

public class BargeInPolicySpec
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Without false-interruption pauses: these tests decide at once (the pause is in FalseInterruptionPolicySpec).</summary>
    private static TurnSettings Turn => EngineSettings.Reference.Turn with { FalseInterruptionTimeout = TimeSpan.Zero };

    private static BargeInPolicy Policy(TurnSettings? settings = null) => new(settings ?? Turn with { BargeInMinSpeech = TimeSpan.FromMilliseconds(250) });

    private static DateTimeOffset At(double ms) => T0 + TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Half_duplex_should_ignore_all_user_speech_while_the_assistant_speaks()
    {
        var policy = Policy(Turn with { HalfDuplex = true });

        Assert.Equal(new BargeInDecision.Ignore("half-duplex"), policy.OnLocalSpeech(At(0), At(0)));
        Assert.Equal(new BargeInDecision.Ignore("half-duplex"), policy.OnServerSpeech("item_v", At(0), At(0)));
        Assert.Null(policy.Candidate);
    }

    [Fact]
    public void Barge_in_off_should_ignore_user_speech()
    {
        var policy = Policy(Turn with { BargeIn = false });

        Assert.Equal(new BargeInDecision.Ignore("barge-in off"), policy.OnLocalSpeech(At(0), At(0)));
    }

    [Fact]
    public void The_local_vad_should_interrupt_at_once()
    {
        var decision = Assert.IsType<BargeInDecision.Interrupt>(Policy().OnLocalSpeech(At(700), At(450)));

        Assert.Equal(new BargeInCandidate(null, At(700), At(450), "local-vad", Stopped: false), decision.Candidate);
        Assert.Null(decision.NextItemId);
    }

    [Fact]
    public void Server_vad_speech_should_wait_only_for_the_part_of_the_minimum_speech_not_yet_heard()
    {
        var policy = Policy();

        var guard = Assert.IsType<BargeInDecision.Guard>(policy.OnServerSpeech("item_v", now: At(100), onset: At(0)));

        Assert.Equal(TimeSpan.FromMilliseconds(150), guard.Wait);
        Assert.Equal("item_v", policy.Candidate!.ItemId);
    }

    [Fact]
    public void Server_vad_speech_already_longer_than_the_minimum_should_still_pass_through_the_guard()
    {
        var guard = Assert.IsType<BargeInDecision.Guard>(Policy().OnServerSpeech("item_v", now: At(400), onset: At(0)));

        Assert.Equal(TimeSpan.FromMilliseconds(1), guard.Wait);
    }

    [Fact]
    public void Without_a_minimum_speech_duration_server_vad_speech_should_interrupt_at_once()
    {
        var policy = Policy(Turn with { BargeInMinSpeech = TimeSpan.Zero });

        var decision = Assert.IsType<BargeInDecision.Interrupt>(policy.OnServerSpeech("item_v", At(100), At(0)));

        Assert.Equal("server-vad", decision.Candidate.DetectedBy);
        Assert.Equal("item_v", decision.NextItemId);
    }

    [Fact]
    public void The_passed_guard_should_interrupt_with_detection_at_that_moment()
    {
        var policy = Policy();
        policy.OnServerSpeech("item_v", At(100), At(0));

        var decision = Assert.IsType<BargeInDecision.Interrupt>(policy.OnGuardPassed(At(250)));

        Assert.Equal(new BargeInDetection("server-vad", At(250), At(0)), decision.Candidate.Detection);
        Assert.Equal("item_v", decision.NextItemId);
        Assert.Null(policy.Candidate);
        Assert.Same(BargeInDecision.None, policy.OnGuardPassed(At(300)));
    }

    [Fact]
    public void The_local_vad_confirming_a_guarded_candidate_should_interrupt_at_once_and_keep_the_servers_item()
    {
        var policy = Policy();
        policy.OnServerSpeech("item_v", At(100), At(0));

        var decision = Assert.IsType<BargeInDecision.Interrupt>(policy.OnLocalSpeech(At(180), At(20)));

        Assert.Equal(new BargeInDetection("local-vad", At(180), At(0)), decision.Candidate.Detection);
        Assert.Equal("item_v", decision.NextItemId);
        Assert.Null(policy.Candidate);
    }

    [Fact]
    public void A_second_server_report_during_the_guard_should_change_nothing()
    {
        var policy = Policy();
        policy.OnServerSpeech("item_v", At(100), At(0));

        Assert.Same(BargeInDecision.None, policy.OnServerSpeech("item_w", At(120), At(20)));
        Assert.Equal("item_v", policy.Candidate!.ItemId);
    }

    [Fact]
    public void A_short_backchannel_should_let_the_assistant_go_on()
    {
        var policy = Policy();
        policy.OnServerSpeech("item_ok", At(100), At(0));
        policy.OnSpeechStopped("item_ok");

        Assert.True(policy.Candidate!.Stopped);
        Assert.Equal(new BargeInDecision.Backchannel("Okay."), policy.OnTranscript("item_ok", " Okay. ", At(600)));
        Assert.Null(policy.Candidate);
    }

    [Fact]
    public void Short_speech_that_is_not_a_backchannel_should_interrupt_once_its_words_are_known()
    {
        var policy = Policy();
        policy.OnServerSpeech("item_stop", At(100), At(0));
        policy.OnSpeechStopped("item_stop");

        var decision = Assert.IsType<BargeInDecision.Interrupt>(policy.OnTranscript("item_stop", "stop", At(600)));

        Assert.Equal(At(600), decision.Candidate.DetectedAt);
        Assert.Equal("item_stop", decision.NextItemId);
    }

    [Fact]
    public void Words_of_another_item_or_of_speech_still_going_on_should_not_decide()
    {
        var policy = Policy();
        policy.OnServerSpeech("item_v", At(100), At(0));

        Assert.Same(BargeInDecision.None, policy.OnTranscript("item_v", "stop", At(150)));
        policy.OnSpeechStopped("item_v");
        Assert.Same(BargeInDecision.None, policy.OnTranscript("item_other", "stop", At(200)));
        Assert.NotNull(policy.Candidate);
    }

    [Fact]
    public void The_configured_backchannels_should_be_matched_ignoring_case_and_punctuation()
    {
        var policy = Policy(Turn with { Backchannels = ["roger that"] });

        Assert.True(policy.IsBackchannel("Roger, that!"));
        Assert.False(policy.IsBackchannel("okay"));
        Assert.False(policy.IsBackchannel(" ... "));
    }

    [Fact]
    public void Reset_should_forget_the_candidate()
    {
        var policy = Policy();
        policy.OnServerSpeech("item_v", At(100), At(0));

        policy.Reset();

        Assert.Null(policy.Candidate);
        Assert.IsType<BargeInDecision.Guard>(policy.OnServerSpeech("item_w", At(200), At(200)));
    }
}
