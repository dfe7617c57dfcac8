using ActorVoice.Engine.Turns;

namespace ActorVoice.Tests.Turns;

public class TimelineRecorderSpec
{
    private static readonly DateTimeOffset EndOfSpeech = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset After(double ms) => EndOfSpeech + TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Marks_before_the_end_of_speech_is_known_should_stay_null()
    {
        var recorder = new TimelineRecorder();
        recorder.TranscriptFinal(After(100));
        recorder.FirstAudio(After(200));

        Assert.Null(recorder.EndOfSpeech);
        Assert.Null(recorder.Since(After(300)));
        Assert.Equal(new TurnTimeline(), recorder.Timeline);
    }

    [Fact]
    public void Every_mark_should_be_the_milliseconds_since_the_end_of_speech()
    {
        var recorder = new TimelineRecorder();
        recorder.SpeechStopped(EndOfSpeech, After(500));
        recorder.TranscriptFinal(After(700));
        recorder.RetrievalDone(After(750.04));
        recorder.FirstAudio(After(850));
        recorder.PlaybackStarted(After(860));
        recorder.PlaybackDone(After(2100));

        Assert.Equal(EndOfSpeech, recorder.EndOfSpeech);
        Assert.Equal(
            new TurnTimeline
            {
                SpeechStoppedMs = 500,
                TranscriptFinalMs = 700,
                RetrievalDoneMs = 750,
                FirstAudioMs = 850,
                PlaybackStartedMs = 860,
                PlaybackDoneMs = 2100,
            },
            recorder.Timeline with { Marks = [] });
    }

    [Fact]
    public void Named_marks_should_come_in_time_order_relative_to_the_end_of_speech_even_when_seen_before_it()
    {
        var recorder = new TimelineRecorder();
        recorder.Mark(TimelineMarks.SpeechStartService, After(-1500));
        recorder.Mark(TimelineMarks.Partial, After(-800), "how many");
        Assert.Empty(recorder.Timeline.Marks);

        recorder.SpeechStopped(EndOfSpeech, After(500));
        recorder.TranscriptFinal(After(700));
        recorder.Mark(TimelineMarks.SpeechEndService, EndOfSpeech);
        recorder.FirstAudio(After(300));
        recorder.AnswerAudio(After(900));

        Assert.Equal(
            [
                new TimelineMark(TimelineMarks.SpeechStartService, -1500),
                new TimelineMark(TimelineMarks.Partial, -800, "how many"),
                new TimelineMark(TimelineMarks.SpeechEndService, 0),
                new TimelineMark(TimelineMarks.FirstAudio, 300),
                new TimelineMark(TimelineMarks.FinalTranscript, 700),
                new TimelineMark(TimelineMarks.FirstAnswerAudio, 900),
            ],
            recorder.Timeline.Marks);
        Assert.Equal(300, recorder.Timeline.FirstAudioMs);
        Assert.Equal(900, recorder.Timeline.AnswerAudioMs);
    }

    [Fact]
    public void A_mark_reached_again_should_keep_the_latest_time()
    {
        var recorder = new TimelineRecorder();
        recorder.SpeechStopped(EndOfSpeech, After(500));
        recorder.RetrievalDone(After(600));
        recorder.RetrievalDone(After(650));

        Assert.Equal(650, recorder.Timeline.RetrievalDoneMs);
        Assert.Null(recorder.Timeline.FirstAudioMs);
    }
}
