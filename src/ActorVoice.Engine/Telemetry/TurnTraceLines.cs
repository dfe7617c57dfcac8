using System.Text.Json;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Engine.Telemetry;

/// <summary>
/// The JSONL trace of one turn: one JSON object per line, in time order, for each timeline mark
/// (<c>{"type":"mark","turn","name","atMs","detail"}</c>) and retrieval job event
/// (<c>{"type":"job","turn","jobId","change","speculative","prefix","atMs"}</c>), then the turn's summary
/// (<c>{"type":"turn", ...}</c>). Times are milliseconds from the end of the user's speech.
/// </summary>
public static class TurnTraceLines
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static IEnumerable<string> Render(string session, TurnResult result, DateTimeOffset endOfSpeech, IReadOnlyList<TurnJobEvent> jobs)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(jobs);
        var events = result.Timeline.Marks
            .Select(mark => (AtMs: mark.AtMs, Line: (object)new { type = "mark", session, turn = result.TurnNumber, name = mark.Name, atMs = mark.AtMs, detail = mark.Detail }))
            .Concat(jobs.Select(job =>
            {
                var atMs = Math.Round((job.At - endOfSpeech).TotalMilliseconds, 1);
                return (AtMs: atMs, Line: (object)new
                {
                    type = "job",
                    session,
                    turn = result.TurnNumber,
                    jobId = job.JobId,
                    change = job.Change.ToString().ToLowerInvariant(),
                    speculative = job.Speculative,
                    prefix = job.Prefix,
                    atMs,
                });
            }))
            .OrderBy(e => e.AtMs);
        foreach (var (_, line) in events)
        {
            yield return JsonSerializer.Serialize(line, Options);
        }

        yield return JsonSerializer.Serialize(Summary(session, result, endOfSpeech), Options);
    }

    private static object Summary(string session, TurnResult result, DateTimeOffset endOfSpeech)
    {
        var stages = TurnStages.Of(result);
        var t = result.Timeline;
        return new
        {
            type = "turn",
            session,
            turn = result.TurnNumber,
            label = result.Label,
            endOfSpeechUtc = endOfSpeech.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            outcome = result.Outcome.ToString().ToLowerInvariant(),
            transcript = result.Transcript,
            topDocument = result.TopDocument,
            speechStartMs = stages.SpeechStartMs,
            speechStoppedMs = t.SpeechStoppedMs,
            transcriptFinalMs = stages.FinalTranscriptMs,
            answerReadyMs = stages.AnswerReadyMs,
            firstAudioMs = stages.FirstAudioMs,
            answerAudioMs = stages.AnswerAudioMs,
            ragAddedMs = stages.RagAddedMs,
            playbackStartedMs = stages.PlaybackStartMs,
            playbackDoneMs = stages.PlaybackEndMs,
            speculation = new
            {
                started = result.Speculation?.Started ?? 0,
                reused = result.Speculation?.Reused ?? 0,
                cancelled = result.Speculation?.Cancelled ?? 0,
                wasted = result.Speculation?.Wasted ?? 0,
                savedMs = result.Speculation?.SavedMs ?? 0,
            },
            error = result.Error,
        };
    }
}
