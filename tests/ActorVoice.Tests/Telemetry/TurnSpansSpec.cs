using System.Diagnostics;
using System.Diagnostics.Metrics;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Telemetry;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Tests.Telemetry;

/// <summary>A finished turn as System.Diagnostics spans and measurements, seen by plain listeners (what OpenTelemetry uses).</summary>
public sealed class TurnSpansSpec : IDisposable
{
    private static readonly DateTimeOffset EndOfSpeech = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly VoiceTelemetry _telemetry = new();
    private readonly List<Activity> _spans = [];
    private readonly List<(string Instrument, double Value)> _measurements = [];
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();

    public TurnSpansSpec()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, _telemetry.Source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (_spans) { _spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _telemetry.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>((instrument, value, _, _) => _measurements.Add((instrument.Name, value)));
        _meters.SetMeasurementEventCallback<long>((instrument, value, _, _) => _measurements.Add((instrument.Name, value)));
        _meters.Start();
    }

    internal static TurnResult Turn() => new(7, "q07")
    {
        Transcript = "how many vacation days do i get",
        Sources = [new TurnSource("vacation.md", 0, 3.2, "Vacation")],
        Speculation = new SpeculationStats(2, 1, 1, 0, 400, false),
        AudioPlayedMs = 2500,
        Timeline = new TurnTimeline
        {
            TranscriptFinalMs = 600,
            RetrievalDoneMs = 650,
            FirstAudioMs = 900,
            AnswerAudioMs = 1100,
            PlaybackStartedMs = 900,
            PlaybackDoneMs = 3600,
            Marks =
            [
                new TimelineMark(TimelineMarks.SpeechStartLocal, -2000),
                new TimelineMark(TimelineMarks.Partial, -1200, "how many"),
                new TimelineMark(TimelineMarks.SpeechEndService, 0),
                new TimelineMark(TimelineMarks.FinalTranscript, 600, "how many vacation days do i get"),
                new TimelineMark(TimelineMarks.AnswerReady, 650),
                new TimelineMark(TimelineMarks.FirstAudio, 900),
                new TimelineMark(TimelineMarks.FirstAnswerAudio, 1100),
                new TimelineMark(TimelineMarks.PlaybackStart, 900),
                new TimelineMark(TimelineMarks.PlaybackEnd, 3600),
            ],
        },
    };

    internal static IReadOnlyList<TurnJobEvent> Jobs() =>
    [
        new(1, "how many vacation", true, JobChange.Started, EndOfSpeech.AddMilliseconds(-900)),
        new(2, "how many vacation days", true, JobChange.Started, EndOfSpeech.AddMilliseconds(-500)),
        new(1, "how many vacation", true, JobChange.Cancelled, EndOfSpeech.AddMilliseconds(-400)),
        new(2, "how many vacation days", true, JobChange.Succeeded, EndOfSpeech.AddMilliseconds(650)),
    ];

    [Fact]
    public void A_turn_should_become_a_root_span_with_a_child_span_per_stage_at_the_marks_times()
    {
        TurnSpans.Record(_telemetry, Turn(), EndOfSpeech, Jobs());

        var turn = Assert.Single(_spans, s => s.OperationName == TurnSpans.TurnSpan);
        Assert.Null(turn.ParentId);
        Assert.Equal(EndOfSpeech.AddMilliseconds(-2000).UtcDateTime, turn.StartTimeUtc);
        Assert.Equal(TimeSpan.FromMilliseconds(5600), turn.Duration);
        Assert.Equal("q07", turn.GetTagItem("actorvoice.turn.label"));
        Assert.Contains(turn.Events, e => e.Name == TimelineMarks.FinalTranscript && e.Timestamp == EndOfSpeech.AddMilliseconds(600));

        var children = _spans.Where(s => s.ParentSpanId == turn.SpanId).ToList();
        Assert.All(children, c => Assert.Equal(turn.TraceId, c.TraceId));
        Span(children, TurnSpans.ListeningSpan, -2000, 0);
        Span(children, TurnSpans.TranscriptSpan, 0, 600);
        Span(children, TurnSpans.AnswerSpan, 600, 1100);
        Span(children, TurnSpans.PlaybackSpan, 900, 3600);
        var jobs = children.Where(c => c.OperationName == TurnSpans.JobSpan).OrderBy(c => c.StartTimeUtc).ToList();
        Assert.Equal(2, jobs.Count);
        Assert.Equal("cancelled", jobs[0].GetTagItem("actorvoice.job.outcome"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), jobs[0].Duration);
        Assert.Equal("succeeded", jobs[1].GetTagItem("actorvoice.job.outcome"));
        Assert.Equal(TimeSpan.FromMilliseconds(1150), jobs[1].Duration);
    }

    [Fact]
    public void A_turn_should_record_its_latencies_and_the_speculation_hit()
    {
        TurnSpans.Record(_telemetry, Turn(), EndOfSpeech, Jobs());

        Assert.Contains((VoiceTelemetry.VoiceToVoiceInstrument, 900.0), _measurements);
        Assert.Contains((VoiceTelemetry.AnswerAudioInstrument, 1100.0), _measurements);
        Assert.Contains((VoiceTelemetry.RagAddedInstrument, 50.0), _measurements);
        Assert.Contains((VoiceTelemetry.FinalTranscriptInstrument, 600.0), _measurements);
        Assert.Contains((VoiceTelemetry.SpeculationHitsInstrument, 1.0), _measurements);
    }

    [Fact]
    public void A_turn_without_a_hit_should_not_count_one()
    {
        TurnSpans.Record(_telemetry, Turn() with { Speculation = SpeculationStats.None }, EndOfSpeech, []);

        Assert.DoesNotContain(_measurements, m => m.Instrument == VoiceTelemetry.SpeculationHitsInstrument);
        Assert.Contains((VoiceTelemetry.TurnsInstrument, 1.0), _measurements);
    }

    private static void Span(List<Activity> spans, string name, double fromMs, double toMs)
    {
        var span = Assert.Single(spans, s => s.OperationName == name);
        Assert.Equal(EndOfSpeech.AddMilliseconds(fromMs).UtcDateTime, span.StartTimeUtc);
        Assert.Equal(TimeSpan.FromMilliseconds(toMs - fromMs), span.Duration);
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
        _telemetry.Dispose();
    }
}
