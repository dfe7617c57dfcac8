using System.Diagnostics;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Engine.Telemetry;

/// <summary>
/// Records a finished turn on a <see cref="VoiceTelemetry"/>: one "turn" span with explicit start and end times and
/// its timeline marks as events, child spans per stage ("listening", "transcript", "retrieval.job" per job, "answer",
/// "playback"), and the per-turn measurements.
/// </summary>
public static class TurnSpans
{
    public const string TurnSpan = "turn";
    public const string ListeningSpan = "listening";
    public const string TranscriptSpan = "transcript";
    public const string JobSpan = "retrieval.job";
    public const string AnswerSpan = "answer";
    public const string PlaybackSpan = "playback";

    /// <summary>Records the turn's spans (when something listens) and measurements.</summary>
    /// <param name="telemetry">The instruments.</param>
    /// <param name="result">The finished turn.</param>
    /// <param name="endOfSpeech">When the user's speech ended (the timeline's 0).</param>
    /// <param name="jobs">The turn's retrieval job events, in the order seen.</param>
    public static void Record(VoiceTelemetry telemetry, TurnResult result, DateTimeOffset endOfSpeech, IReadOnlyList<TurnJobEvent> jobs)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(jobs);
        var stages = TurnStages.Of(result);
        Measure(telemetry, result, stages);
        if (!telemetry.Source.HasListeners())
        {
            return;
        }

        DateTimeOffset At(double ms) => endOfSpeech.AddMilliseconds(ms);
        var times = result.Timeline.Marks.Select(mark => mark.AtMs)
            .Concat(new[] { stages.SpeechStartMs, stages.FinalTranscriptMs, stages.AnswerAudioMs, stages.PlaybackEndMs, 0 }.OfType<double>())
            .ToList();
        var start = At(times.Min());
        var end = At(times.Max());
        if (jobs.Count > 0)
        {
            start = Min(start, jobs.Min(job => job.At));
            end = Max(end, jobs.Max(job => job.At));
        }

        var previous = Activity.Current;
        try
        {
            // A turn is a root span: the actor's ambient activity (if any) is not its parent.
            Activity.Current = null;
            using var turn = telemetry.Source.StartActivity(TurnSpan, ActivityKind.Internal, parentContext: default, tags: TurnTags(result), startTime: start);
            if (turn is null)
            {
                return;
            }

            foreach (var mark in result.Timeline.Marks)
            {
                turn.AddEvent(new ActivityEvent(mark.Name, At(mark.AtMs), mark.Detail is null ? null : new ActivityTagsCollection { ["detail"] = mark.Detail }));
            }

            if (stages.SpeechStartMs is { } speechStart)
            {
                Child(telemetry, turn, ListeningSpan, At(speechStart), endOfSpeech);
            }

            if (stages.FinalTranscriptMs is { } final)
            {
                Child(telemetry, turn, TranscriptSpan, endOfSpeech, At(final), ("actorvoice.transcript.partials", result.Partials.Count));
            }

            foreach (var job in Jobs(jobs))
            {
                Child(telemetry, turn, JobSpan, job.Start, job.End ?? end, ("actorvoice.job.id", job.Id), ("actorvoice.job.speculative", job.Speculative), ("actorvoice.job.outcome", job.Outcome));
            }

            if (stages.AnswerAudioMs is { } answerAudio)
            {
                var from = stages.FinalTranscriptMs ?? stages.AnswerReadyMs ?? 0;
                Child(telemetry, turn, AnswerSpan, At(Math.Min(from, answerAudio)), At(answerAudio),
                    ("actorvoice.answer.ready_ms", stages.AnswerReadyMs), ("actorvoice.speculation.hit", result.Speculation?.Reused > 0));
            }

            if (stages.PlaybackStartMs is { } playStart)
            {
                Child(telemetry, turn, PlaybackSpan, At(playStart), At(Math.Max(playStart, stages.PlaybackEndMs ?? playStart)), ("actorvoice.playback.played_ms", result.AudioPlayedMs));
            }

            turn.SetEndTime(end.UtcDateTime);
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    private static void Measure(VoiceTelemetry telemetry, TurnResult result, TurnStages stages)
    {
        var outcome = new KeyValuePair<string, object?>("actorvoice.turn.outcome", result.Outcome.ToString().ToLowerInvariant());
        telemetry.Turns.Add(1, outcome);
        if (stages.FirstAudioMs is { } firstAudio)
        {
            telemetry.VoiceToVoice.Record(firstAudio, outcome);
        }

        if (stages.AnswerAudioMs is { } answerAudio)
        {
            telemetry.AnswerAudio.Record(answerAudio, outcome);
        }

        if (stages.RagAddedMs is { } ragAdded)
        {
            telemetry.RagAdded.Record(ragAdded, outcome);
        }

        if (stages.FinalTranscriptMs is { } final)
        {
            telemetry.FinalTranscript.Record(final, outcome);
        }

        if (result.Speculation?.Reused > 0)
        {
            telemetry.SpeculationHits.Add(1, outcome);
        }
    }

    private static void Child(VoiceTelemetry telemetry, Activity parent, string name, DateTimeOffset start, DateTimeOffset end, params (string Key, object? Value)[] tags)
    {
        using var child = telemetry.Source.StartActivity(name, ActivityKind.Internal, parent.Context, tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value)), startTime: start);
        child?.SetEndTime(Max(start, end).UtcDateTime);
    }

    private static IEnumerable<KeyValuePair<string, object?>> TurnTags(TurnResult result) =>
    [
        new("actorvoice.turn.number", result.TurnNumber),
        new("actorvoice.turn.label", result.Label),
        new("actorvoice.turn.outcome", result.Outcome.ToString().ToLowerInvariant()),
        new("actorvoice.turn.top_document", result.TopDocument),
        new("actorvoice.speculation.started", result.Speculation?.Started ?? 0),
        new("actorvoice.speculation.reused", result.Speculation?.Reused ?? 0),
        new("actorvoice.turn.error", result.Error),
    ];

    private static IEnumerable<(long Id, bool Speculative, DateTimeOffset Start, DateTimeOffset? End, string Outcome)> Jobs(IReadOnlyList<TurnJobEvent> events) =>
        events.GroupBy(e => e.JobId).Select(group =>
        {
            var started = group.FirstOrDefault(e => e.Change == JobChange.Started) ?? group.First();
            var ended = group.LastOrDefault(e => e.Change != JobChange.Started);
            return (group.Key, started.Speculative, started.At, ended?.At, (ended?.Change ?? JobChange.Started).ToString().ToLowerInvariant());
        });

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
