using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Telemetry;
using ActorVoice.Engine.Turns;
using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Scripts;
using ActorVoice.Lab.Timeline;

namespace ActorVoice.Cli.Lab;

/// <summary>
/// A live turn (<see cref="TurnResult"/> and the job events seen) as a lab row: marks from the timeline's marks, with
/// its summary fields (and the script) as fallback for marks an engine does not record; job times relative to the end
/// of speech. Used: for a hit, the last speculative job that succeeded; otherwise the job on the final transcript.
/// </summary>
public static class LabTurnConverter
{
    public static LabTurn Convert(
        TurnScript script, StrategyName strategy, TurnResult result, LabTurnCollector.CollectedTurn collected, Func<string, IReadOnlyList<string>> retriever)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(collected);
        ArgumentNullException.ThrowIfNull(retriever);
        var stages = TurnStages.Of(result);
        var marks = result.Timeline.Marks;
        double? Mark(string name) => marks.FirstOrDefault(m => m.Name == name)?.AtMs;
        var hit = result.Speculation?.Reused > 0;
        var final = stages.FinalTranscriptMs ?? double.NaN;
        var firstAudio = stages.FirstAudioMs ?? double.NaN;
        var answerAudio = stages.AnswerAudioMs ?? firstAudio;
        return new LabTurn
        {
            Strategy = strategy.Name,
            Turn = script.Turn,
            QuestionId = script.QuestionId,
            SpeechStartMs = stages.SpeechStartMs ?? script.SpeechStartMs,
            SpeechEndLocalMs = Mark(TimelineMarks.SpeechEndLocal) ?? 0,
            SpeechEndServiceMs = Mark(TimelineMarks.SpeechEndService) ?? 0,
            CommitMs = Mark(TimelineMarks.Commit) ?? result.Timeline.SpeechStoppedMs ?? 0,
            PartialsMs = marks.Where(m => m.Name == TimelineMarks.Partial).Select(m => m.AtMs).ToArray(),
            FinalTranscriptMs = final,
            Jobs = Jobs(collected, hit),
            AnswerReadyMs = stages.AnswerReadyMs ?? final,
            ResponseCreateMs = Mark(TimelineMarks.ResponseCreate) ?? Mark(TimelineMarks.PreemptiveResponseCreate) ?? stages.AnswerReadyMs ?? final,
            FirstAudioMs = firstAudio,
            AnswerAudioMs = answerAudio,
            BridgeAudioMs = Mark(TimelineMarks.BridgeStart) is not null && firstAudio < answerAudio ? firstAudio : null,
            PlaybackStartMs = stages.PlaybackStartMs ?? firstAudio,
            PlaybackEndMs = stages.PlaybackEndMs ?? firstAudio,
            BargeInMs = Mark(TimelineMarks.BargeInDetected),
            PlaybackSilentMs = Mark(TimelineMarks.PlaybackSilent),
            TruncateSentMs = Mark(TimelineMarks.TruncateSent),
            Hit = hit,
            Agreement = !hit || Agrees(result, retriever),
        };
    }

    /// <summary>The answer's top document is the top document of a fresh query on the final transcript (lab corpus ids: path#chunk).</summary>
    private static bool Agrees(TurnResult result, Func<string, IReadOnlyList<string>> retriever)
    {
        var fresh = retriever(result.Transcript);
        if (fresh.Count == 0 || result.TopDocument is not { } used)
        {
            return false;
        }

        var freshDocument = fresh[0].Split('#')[0];
        return string.Equals(Path.GetFileName(freshDocument), Path.GetFileName(used), StringComparison.Ordinal);
    }

    private static List<LabJob> Jobs(LabTurnCollector.CollectedTurn collected, bool hit)
    {
        var end = collected.EndOfSpeech;
        double Ms(DateTimeOffset at) => end is { } e ? Math.Round((at - e).TotalMilliseconds, 1) : double.NaN;
        var jobs = collected.Jobs.GroupBy(e => e.JobId).Select(group =>
        {
            var started = group.FirstOrDefault(e => e.Change == JobChange.Started) ?? group.First();
            var done = group.LastOrDefault(e => e.Change is JobChange.Succeeded or JobChange.Failed);
            var cancelled = group.LastOrDefault(e => e.Change == JobChange.Cancelled);
            return (Id: group.Key, started.Prefix, started.Speculative, Start: Ms(started.At),
                End: done is null ? (double?)null : Ms(done.At), Cancel: cancelled is null ? (double?)null : Ms(cancelled.At),
                Succeeded: done?.Change == JobChange.Succeeded);
        }).ToList();
        var usedId = hit
            ? jobs.LastOrDefault(j => j.Speculative && j.Succeeded).Id
            : jobs.LastOrDefault(j => !j.Speculative && j.Succeeded).Id;
        return jobs.Select(j => new LabJob(j.Prefix, j.Start, j.End, j.Cancel, j.Id == usedId && j.Succeeded, j.Speculative)).ToList();
    }
}
