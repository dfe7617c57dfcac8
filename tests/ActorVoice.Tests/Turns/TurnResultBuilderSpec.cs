using Akka.Actor;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns;
using ActorVoice.Engine.Turns.BargeIn;

namespace ActorVoice.Tests.Turns;

public class TurnResultBuilderSpec
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static TurnState Turn()
    {
        var turn = new TurnState(3, "t3", ActorRefs.Nobody, null) { Transcript = "how many vacation days", Answer = "From Vacation: twenty-two days." };
        turn.Partials.AddRange(["how", "how many", "how many"]);
        turn.LocalPartials.Add("how many");
        turn.Sources = [new TurnSource("handbook/vacation.md", 1, 7.5, "Vacation")];
        turn.Spoken.Append(" From Vacation: twenty-two days. ");
        turn.Speculation = new SpeculationStats(2, 1, 1, 0, 40, false);
        turn.AudioPlayedMs = 1200;
        turn.AudioReceivedMs = 1200;
        turn.AudioFile = "/tmp/a.wav";
        turn.Backchannels.Add("okay");
        turn.Timeline.SpeechStopped(T0, T0.AddMilliseconds(500));
        return turn;
    }

    [Fact]
    public void An_answered_turn_should_report_everything_it_recorded()
    {
        var result = TurnResultBuilder.Build(Turn());

        Assert.Equal(3, result.TurnNumber);
        Assert.Equal("t3", result.Label);
        Assert.Equal(["how", "how many"], result.Partials);
        Assert.Equal(["how many"], result.LocalPartials);
        Assert.Equal("how many vacation days", result.Transcript);
        Assert.Equal("handbook/vacation.md", result.TopDocument);
        Assert.Equal("From Vacation: twenty-two days.", result.Answer);
        Assert.Equal("From Vacation: twenty-two days.", result.SpokenTranscript);
        Assert.Equal("From Vacation: twenty-two days.", result.HeardAnswer);
        Assert.Equal(new SpeculationStats(2, 1, 1, 0, 40, false), result.Speculation);
        Assert.Equal(1200, result.AudioPlayedMs);
        Assert.Equal("/tmp/a.wav", result.AudioFile);
        Assert.Equal(["okay"], result.Backchannels);
        Assert.Equal(500, result.Timeline.SpeechStoppedMs);
        Assert.Equal(TurnOutcome.Answered, result.Outcome);
        Assert.Null(result.Error);
    }

    [Fact]
    public void An_error_should_make_an_answered_turn_failed()
    {
        var turn = Turn();
        turn.Error = "no assistant audio arrived";

        var result = TurnResultBuilder.Build(turn);

        Assert.Equal(TurnOutcome.Failed, result.Outcome);
        Assert.Equal("no assistant audio arrived", result.Error);
    }

    [Fact]
    public void An_interrupted_turn_should_report_no_error_and_only_the_heard_words()
    {
        var turn = Turn();
        turn.Outcome = TurnOutcome.Interrupted;
        turn.Error = "the turn took too long";
        turn.HeardAnswer = "From";

        var result = TurnResultBuilder.Build(turn);

        Assert.Equal(TurnOutcome.Interrupted, result.Outcome);
        Assert.Null(result.Error);
        Assert.Equal("From", result.HeardAnswer);
    }

    [Fact]
    public void A_superseded_turn_should_keep_its_outcome_and_reason()
    {
        var turn = Turn();
        turn.Outcome = TurnOutcome.Superseded;
        turn.Error = "the user spoke again before the answer";

        var result = TurnResultBuilder.Build(turn);

        Assert.Equal(TurnOutcome.Superseded, result.Outcome);
        Assert.Equal("the user spoke again before the answer", result.Error);
    }

    [Fact]
    public void Heard_part_should_follow_the_played_share_of_the_audio()
    {
        Assert.Equal("one two", TurnResultBuilder.HeardPart("one two three four", 500, 1000));
        Assert.Equal(string.Empty, TurnResultBuilder.HeardPart("one two", 0, 1000));
        Assert.Equal(string.Empty, TurnResultBuilder.HeardPart("one two", 500, 0));
        Assert.Equal("one two", TurnResultBuilder.HeardPart("one two", 5000, 1000));
    }

    [Fact]
    public void The_barge_in_report_should_measure_detection_from_the_onset_and_silence_from_the_decision()
    {
        var detection = new BargeInDetection(BargeInCandidate.ServerVad, T0.AddMilliseconds(250), T0);

        var report = TurnResultBuilder.BargeInReport(detection, T0.AddMilliseconds(262.34), playedMs: 900, truncatedMs: 900);

        Assert.Equal(new BargeInReport("server-vad", 250, 12.3, 900, 900), report);
    }

    [Fact]
    public void The_barge_in_report_should_never_show_negative_times()
    {
        var detection = new BargeInDetection(BargeInCandidate.LocalVad, T0, T0.AddMilliseconds(40));

        var report = TurnResultBuilder.BargeInReport(detection, T0.AddMilliseconds(-5), 0, 0);

        Assert.Equal(0, report.DetectedMs);
        Assert.Equal(0, report.SilentAfterMs);
    }
}
