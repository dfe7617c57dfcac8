using ActorVoice.Engine.Turns;
using ActorVoice.Lab.Timeline;

namespace ActorVoice.Lab.Runners.Simulated;

/// <summary>
/// Turns one simulated turn into its <see cref="LabTurn"/> row: the marks the engine reports (its
/// <see cref="TurnResult"/> timeline) where it has them, the stand-ins' observations otherwise, and the jobs from the
/// speculator's events. All times are milliseconds from the end of speech in virtual time.
/// </summary>
public static class SimulatedTurnReader
{
    /// <param name="turn">The finished turn.</param>
    /// <param name="jobs">Its retrieval jobs.</param>
    /// <param name="strategy">The strategy's name.</param>
    /// <param name="topPassages">Passage ids for a text, best first (the lab's index): which job's result was used, and agreement.</param>
    public static LabTurn Read(SimulatedTurn turn, IReadOnlyList<JobRecord> jobs, string strategy, Func<string, IReadOnlyList<string>> topPassages)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(topPassages);
        var script = turn.Script;
        var result = turn.Result ?? throw new InvalidOperationException($"Turn {script.Turn} ({strategy}) has no result.");
        var timeline = result.Timeline;
        var hit = result.Speculation is { Reused: > 0 };
        var used = UsedJob(jobs, result, hit, topPassages);
        var answer = turn.Responses.LastOrDefault(r => !r.Bridge && !r.Cancelled && r.PlayedAt is not null)
            ?? turn.Responses.LastOrDefault(r => !r.Bridge && !r.Cancelled);
        var bridge = turn.Responses.FirstOrDefault(r => r.Bridge && r.PlayedAt is not null);
        var heard = turn.Responses.Where(r => r.PlayedAt is not null).Select(Heard).DefaultIfEmpty().Min();
        var firstAudio = timeline.FirstAudioMs ?? Ms(turn, heard)
            ?? throw new InvalidOperationException($"Turn {script.Turn} ({strategy}) played no audio: {result.Error ?? result.Outcome.ToString()}.");
        var answerAudio = timeline.AnswerAudioMs ?? (answer is { PlayedAt: not null } ? Ms(turn, Heard(answer)) : null) ?? firstAudio;
        var final = timeline.TranscriptFinalMs ?? script.FinalTranscriptMs;
        var ready = used?.EndedAt is { } end ? turn.Ms(end) : timeline.RetrievalDoneMs ?? final;
        var top = result.Sources.Count > 0 ? result.Sources[0].Document : null;
        var fresh = topPassages(script.FinalText);
        return new LabTurn
        {
            Strategy = strategy,
            Turn = script.Turn,
            QuestionId = script.QuestionId,
            SpeechStartMs = script.SpeechStartMs,
            SpeechEndLocalMs = script.SpeechEndLocalMs,
            SpeechEndServiceMs = script.SpeechEndServiceMs,
            CommitMs = script.CommitMs,
            PartialsMs = turn.PartialsAt.Select(turn.Ms).ToArray(),
            FinalTranscriptMs = final,
            Jobs = jobs.Select(job => new LabJob(
                job.Prefix,
                turn.Ms(job.StartedAt),
                job.EndedAt is { } e ? turn.Ms(e) : null,
                job.EndedAt is null && job.CancelledAt is { } c ? turn.Ms(c) : null,
                ReferenceEquals(job, used),
                job.Speculative)).ToArray(),
            AnswerReadyMs = ready,
            ResponseCreateMs = answer is not null ? turn.Ms(answer.CreatedAt) : ready,
            FirstAudioMs = firstAudio,
            AnswerAudioMs = answerAudio,
            BridgeAudioMs = bridge is not null ? turn.Ms(Heard(bridge)) : null,
            PlaybackStartMs = timeline.PlaybackStartedMs ?? Ms(turn, heard) ?? firstAudio,
            PlaybackEndMs = timeline.PlaybackDoneMs
                ?? Ms(turn, turn.Responses.Where(r => r.FinishedAt is not null).Select(r => r.FinishedAt!.Value).DefaultIfEmpty().Max())
                ?? firstAudio,
            Hit = hit,
            Agreement = !hit || (top is null ? fresh.Count == 0 : fresh.Count > 0 && string.Equals(top, fresh[0], StringComparison.Ordinal)),
        };
    }

    /// <summary>When the user hears a response: its audio arrived and playback took it.</summary>
    private static DateTimeOffset Heard(SimulatedResponse response) =>
        response.AudioAt is { } audio && audio > response.PlayedAt!.Value ? audio : response.PlayedAt!.Value;

    private static double? Ms(SimulatedTurn turn, DateTimeOffset at) => at == default ? null : turn.Ms(at);

    /// <summary>
    /// The job whose result answered: on a hit the latest finished speculative job whose passages are the turn's
    /// sources; otherwise the last query on the final transcript.
    /// </summary>
    private static JobRecord? UsedJob(IReadOnlyList<JobRecord> jobs, TurnResult result, bool hit, Func<string, IReadOnlyList<string>> topPassages)
    {
        if (!hit)
        {
            return jobs.LastOrDefault(j => !j.Speculative && j.EndedAt is not null && !j.Failed);
        }

        var sources = result.Sources.Select(s => s.Document).ToArray();
        var finished = jobs.Where(j => j.Speculative && j.EndedAt is not null && !j.Failed).ToArray();
        // As a set: a reused result may have been focused (its passages reordered) on the final question.
        return finished.LastOrDefault(j => topPassages(j.Prefix).Take(sources.Length).ToHashSet(StringComparer.Ordinal).SetEquals(sources))
            ?? finished.LastOrDefault();
    }
}
