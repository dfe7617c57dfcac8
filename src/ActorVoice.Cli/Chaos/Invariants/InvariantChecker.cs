using System.Globalization;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Telemetry;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Cli.Chaos.Invariants;

/// <summary>
/// The invariants every chaos run must keep, whatever faults were injected (docs/faults.md). Each is checked on a
/// <see cref="ChaosRecord"/> alone, so each can be tested on a record that breaks it.
/// </summary>
public sealed class InvariantChecker(ResourceTolerance? tolerance = null)
{
    public const string OneOutcomePerTurn = "one-outcome-per-turn";
    public const string NoAudioAfterBargeIn = "no-audio-after-barge-in";
    public const string TruncateEqualsPlayed = "truncate-equals-played";
    public const string FalseInterruptionLosesNoAnswer = "false-interruption-loses-no-answer";
    public const string TranscriptLogHoldsOnlyWhatWasHeard = "transcript-log-holds-only-what-was-heard";
    public const string NothingOutlivesItsTurnOrSession = "nothing-outlives-its-turn-or-session";
    public const string ResourcesReturnToBaseline = "resources-return-to-baseline";

    /// <summary>How much later than the bound a stop may be seen: one 20 ms frame plus the playback actor's message hop.</summary>
    private const double PlaybackSlackMs = 60;

    /// <summary>Audio a fully heard answer may miss: one frame (the device rounds to samples).</summary>
    private const long FullyPlayedSlackMs = 20;

    private readonly ResourceTolerance _tolerance = tolerance ?? ResourceTolerance.Default;

    /// <summary>The names of the invariants, in the order they are reported.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        OneOutcomePerTurn, NoAudioAfterBargeIn, TruncateEqualsPlayed, FalseInterruptionLosesNoAnswer,
        TranscriptLogHoldsOnlyWhatWasHeard, NothingOutlivesItsTurnOrSession, ResourcesReturnToBaseline,
    ];

    /// <summary>Every invariant on <paramref name="record"/>, in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<InvariantResult> Check(ChaosRecord record) =>
    [
        CheckOneOutcomePerTurn(record),
        CheckNoAudioAfterBargeIn(record),
        CheckTruncateEqualsPlayed(record),
        CheckFalseInterruptionLosesNoAnswer(record),
        CheckTranscriptLog(record),
        CheckNothingOutlives(record),
        CheckResources(record),
    ];

    /// <summary>
    /// Every user turn (every turn number the script received or the observer saw start) ends exactly once, as
    /// answered, fallback, interrupted or superseded: none failed, none missing, none twice.
    /// </summary>
    public static InvariantResult CheckOneOutcomePerTurn(ChaosRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var problems = new List<string>(record.MissingTurns.Select(m => "no result: " + m));
        var ended = record.Completions.GroupBy(c => c.TurnNumber).ToDictionary(g => g.Key, g => g.ToList());
        var turns = record.Turns.Select(t => t.Result.TurnNumber).Where(n => n > 0).Concat(record.StartedTurns).Concat(ended.Keys).Distinct().Order().ToList();
        foreach (var number in turns)
        {
            if (!ended.TryGetValue(number, out var completions))
            {
                problems.Add($"turn {number} never ended");
                continue;
            }

            if (completions.Count > 1)
            {
                problems.Add($"turn {number} ended {completions.Count} times ({string.Join(", ", completions.Select(Describe))})");
            }

            foreach (var failed in completions.Where(IsFailure))
            {
                problems.Add($"turn {number} failed ({failed.Error ?? failed.Outcome.ToString()})");
            }
        }

        foreach (var reply in record.Turns.Where(t => IsFailure(t.Result) && !ended.ContainsKey(t.Result.TurnNumber)))
        {
            problems.Add($"{reply.Result.Label} failed ({reply.Result.Error ?? reply.Result.Outcome.ToString()})");
        }

        if (turns.Count == 0 && problems.Count == 0)
        {
            problems.Add("no turn ran");
        }

        var outcomes = record.Completions.GroupBy(c => Outcome(c)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        return Result(OneOutcomePerTurn, problems, $"{turns.Count} turns, each ended once: {string.Join(", ", outcomes)}");
    }

    /// <summary>
    /// After a confirmed barge-in no assistant audio plays: the played milliseconds fit between playback start and the
    /// stop, playback never starts again in that turn, and the answer's WAV holds no more than was reported played.
    /// </summary>
    public static InvariantResult CheckNoAudioAfterBargeIn(ChaosRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var problems = new List<string>();
        var files = record.Turns.Where(t => t.AudioFileMs is not null).GroupBy(t => t.Result.TurnNumber).ToDictionary(g => g.Key, g => g.Last().AudioFileMs!.Value);
        var bargeIns = 0;
        foreach (var turn in Distinct(record.Completions))
        {
            if (turn.Outcome == TurnOutcome.Interrupted && turn.BargeIn is null)
            {
                problems.Add($"turn {turn.TurnNumber} was interrupted without a barge-in report");
                continue;
            }

            if (turn.BargeIn is not { } bargeIn)
            {
                continue;
            }

            bargeIns++;
            if (bargeIn.PlayedMs != turn.AudioPlayedMs)
            {
                problems.Add($"turn {turn.TurnNumber}: the barge-in report says {bargeIn.PlayedMs} ms played, the turn {turn.AudioPlayedMs} ms");
            }

            var marks = turn.Timeline.Marks;
            var detected = marks.LastOrDefault(m => m.Name == TimelineMarks.BargeInDetected);
            if (detected is null)
            {
                // A turn whose end of speech was never known (its capture was lost) has no timeline marks at all.
                if (marks.Count > 0)
                {
                    problems.Add($"turn {turn.TurnNumber}: a barge-in report without its detection mark");
                }

                continue;
            }

            var restarted = marks.Where(m => m.AtMs > detected.AtMs && m.Name is TimelineMarks.PlaybackStart or TimelineMarks.FirstAnswerAudio).ToList();
            if (restarted.Count > 0)
            {
                problems.Add($"turn {turn.TurnNumber}: {string.Join(", ", restarted.Select(m => m.Name))} after the barge-in");
            }

            var started = marks.FirstOrDefault(m => m.Name == TimelineMarks.PlaybackStart && m.Detail is null);
            if (started is not null)
            {
                var bound = Math.Max(0, detected.AtMs - started.AtMs) + bargeIn.SilentAfterMs + PlaybackSlackMs;
                if (bargeIn.PlayedMs > bound)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture,
                        $"turn {turn.TurnNumber}: {bargeIn.PlayedMs} ms played, but playback was silent {bound - PlaybackSlackMs:0} ms after it started"));
                }
            }

            if (files.TryGetValue(turn.TurnNumber, out var fileMs) && Math.Abs(fileMs - bargeIn.PlayedMs) > 1)
            {
                problems.Add($"turn {turn.TurnNumber}: the played audio file holds {fileMs} ms, the report says {bargeIn.PlayedMs} ms");
            }
        }

        return Result(NoAudioAfterBargeIn, problems, bargeIns == 0 ? "no barge-in happened" : $"{bargeIns} barge-ins, playback silent at each");
    }

    /// <summary>
    /// Every <c>conversation.item.truncate</c> the server received cuts its item at exactly the audio the user heard of it:
    /// each matches, by item id, a truncation a turn recorded with playback's own count of the item's played audio
    /// (barge-ins and abandoned answers alike); every truncation a turn recorded reached the server (unless the connection
    /// it went to was lost); and each barge-in report's truncate is its turn's.
    /// </summary>
    public static InvariantResult CheckTruncateEqualsPlayed(ChaosRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var problems = new List<string>();
        var turns = Distinct(record.Completions).ToList();
        var recorded = turns.SelectMany(t => t.Truncations.Select(x => (Turn: t.TurnNumber, Truncation: x)))
            .Where(x => x.Truncation.AudioEndMs > 0)
            .ToList();
        foreach (var (turn, truncation) in recorded)
        {
            var heard = Math.Min(truncation.PlayedMs, truncation.ReceivedMs);
            if (truncation.AudioEndMs != heard)
            {
                problems.Add($"turn {turn}: item {truncation.ItemId} truncated to {truncation.AudioEndMs} ms, {heard} ms were played");
            }
        }

        foreach (var frame in record.Truncates)
        {
            var match = recorded.Where(x => x.Truncation.ItemId == frame.ItemId).ToList();
            if (match.Count == 0)
            {
                problems.Add($"the server got a truncate of item {frame.ItemId} ({frame.AudioEndMs} ms) that no turn recorded");
            }
            else if (match.All(x => x.Truncation.AudioEndMs != frame.AudioEndMs))
            {
                problems.Add($"turn {match[0].Turn}: item {frame.ItemId} truncated to {match[0].Truncation.AudioEndMs} ms, the server got {frame.AudioEndMs} ms");
            }
        }

        if (record.Reconnects.Count == 0)
        {
            foreach (var (turn, truncation) in recorded.Where(x => record.Truncates.All(f => f.ItemId != x.Truncation.ItemId)))
            {
                problems.Add($"turn {turn}: the truncate of item {truncation.ItemId} ({truncation.AudioEndMs} ms) never reached the server");
            }
        }

        foreach (var turn in turns.Where(t => t.BargeIn is { TruncatedMs: > 0 }))
        {
            if (turn.Truncations.All(x => x.AudioEndMs != turn.BargeIn!.TruncatedMs))
            {
                problems.Add($"turn {turn.TurnNumber}: the barge-in report says truncated to {turn.BargeIn!.TruncatedMs} ms, the turn sent no such truncate");
            }
        }

        return Result(TruncateEqualsPlayed, problems, record.Truncates.Count == 0
            ? "no truncate was sent (no answer was cut after it started playing)"
            : $"{record.Truncates.Count} truncates, each at the audio played ({string.Join(", ", record.Truncates.Select(t => t.AudioEndMs + " ms"))})");
    }

    /// <summary>
    /// Sound without words over an answer (the script's noise turns, and every turn that counted a false
    /// interruption) does not cost the answer: it is not interrupted and is heard in full.
    /// </summary>
    public static InvariantResult CheckFalseInterruptionLosesNoAnswer(ChaosRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var problems = new List<string>();
        var noiseTurns = record.Turns.Where(t => t.Kind == TurnKinds.Noise).Select(t => t.Result.TurnNumber).ToHashSet();
        var completed = Distinct(record.Completions).ToDictionary(c => c.TurnNumber);
        var resumed = 0;
        var checkedTurns = 0;
        foreach (var turn in completed.Values.Where(t => noiseTurns.Contains(t.TurnNumber) || t.FalseInterruptions > 0))
        {
            checkedTurns++;
            var noise = noiseTurns.Contains(turn.TurnNumber);
            if (turn.Outcome == TurnOutcome.Interrupted)
            {
                // A false interruption followed by real words is a barge-in; noise alone never is. (Words can come over a
                // noise step too: e.g. the rest of a question whose capture was lost reaches the server late.)
                var interruptedByWords = completed.TryGetValue(turn.TurnNumber + 1, out var next)
                    && next.Label.EndsWith("-next", StringComparison.Ordinal)
                    && !string.IsNullOrWhiteSpace(next.Transcript);
                if (noise && !interruptedByWords)
                {
                    problems.Add($"turn {turn.TurnNumber}: the noise burst cut the answer ({turn.AudioPlayedMs} of {turn.AudioReceivedMs} ms played)");
                }

                continue;
            }

            if (IsFailure(turn))
            {
                continue; // one-outcome-per-turn reports it
            }

            var heardInFull = turn.AudioPlayedMs + FullyPlayedSlackMs >= turn.AudioReceivedMs
                && string.Equals(turn.HeardAnswer.Trim(), turn.SpokenTranscript.Trim(), StringComparison.Ordinal);
            if (!heardInFull)
            {
                problems.Add($"turn {turn.TurnNumber}: {turn.FalseInterruptions} false interruptions, then only {turn.AudioPlayedMs} of {turn.AudioReceivedMs} ms heard");
            }
            else
            {
                resumed += turn.FalseInterruptions;
            }
        }

        return Result(FalseInterruptionLosesNoAnswer, problems, checkedTurns == 0
            ? "no noise over an answer and no false interruption"
            : $"{checkedTurns} turns with noise over the answer, {resumed} false interruptions resumed, every answer heard in full");
    }

    /// <summary>The false interruptions that resumed an answer heard in full (the report's <c>falseInterruptionsResumed</c>).</summary>
    public static int ResumedFalseInterruptions(ChaosRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Distinct(record.Completions)
            .Where(t => t.FalseInterruptions > 0 && t.Outcome != TurnOutcome.Interrupted && !IsFailure(t)
                && t.AudioPlayedMs + FullyPlayedSlackMs >= t.AudioReceivedMs)
            .Sum(t => t.FalseInterruptions);
    }

    /// <summary>
    /// The session's transcript log holds each turn's final transcript and exactly the part of its answer the user
    /// heard: no assistant line for an answer nobody heard, none longer than the audio played allows.
    /// </summary>
    public static InvariantResult CheckTranscriptLog(ChaosRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.TranscriptLog is not { } log)
        {
            return new InvariantResult(TranscriptLogHoldsOnlyWhatWasHeard, false, "the session's transcript log could not be read");
        }

        var problems = new List<string>();
        var turns = Distinct(record.Completions).ToDictionary(c => c.TurnNumber);
        foreach (var turn in turns.Values)
        {
            var spoken = Words(turn.SpokenTranscript);
            var heard = Words(turn.HeardAnswer);
            if (heard.Length > spoken.Length || !heard.SequenceEqual(spoken.Take(heard.Length), StringComparer.Ordinal))
            {
                problems.Add($"turn {turn.TurnNumber}: the heard answer is not the start of what was spoken");
            }
            else if (turn.AudioReceivedMs > 0 && heard.Length > Math.Ceiling(spoken.Length * Math.Min(1.0, turn.AudioPlayedMs / (double)turn.AudioReceivedMs)))
            {
                problems.Add($"turn {turn.TurnNumber}: {heard.Length} of {spoken.Length} words counted as heard, but only {turn.AudioPlayedMs} of {turn.AudioReceivedMs} ms played");
            }
        }

        // A full log has dropped its oldest turns: only the turns it still covers are compared.
        var oldest = log.Count >= record.TranscriptLogCapacity && log.Count > 0 ? log.Min(e => e.TurnNumber) : int.MinValue;
        foreach (var entry in log)
        {
            if (!turns.TryGetValue(entry.TurnNumber, out var turn))
            {
                problems.Add($"the log holds {entry.Role} words of turn {entry.TurnNumber}, which never ended");
                continue;
            }

            var expected = entry.Role == TranscriptEntry.Assistant ? turn.HeardAnswer.Trim() : turn.Transcript.Trim();
            if (!string.Equals(entry.Text, expected, StringComparison.Ordinal))
            {
                problems.Add($"turn {entry.TurnNumber}: the log's {entry.Role} line \"{Short(entry.Text)}\" is not what was {(entry.Role == TranscriptEntry.Assistant ? "heard" : "said")} (\"{Short(expected)}\")");
            }
        }

        foreach (var turn in turns.Values.Where(t => t.TurnNumber > oldest))
        {
            if (!string.IsNullOrWhiteSpace(turn.HeardAnswer) && !log.Any(e => e.TurnNumber == turn.TurnNumber && e.Role == TranscriptEntry.Assistant))
            {
                problems.Add($"turn {turn.TurnNumber}: the heard answer is missing from the log");
            }
        }

        var assistant = log.Count(e => e.Role == TranscriptEntry.Assistant);
        return Result(TranscriptLogHoldsOnlyWhatWasHeard, problems, $"{log.Count} lines ({assistant} assistant), each what was said or heard");
    }

    /// <summary>
    /// After each turn no capture stream or speculative job of it runs and no second connection or playback stream is
    /// open; after the session every gauge is back to its value before the session and no actor of the session remains.
    /// </summary>
    public static InvariantResult CheckNothingOutlives(ChaosRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var problems = new List<string>();
        if (record.GaugesBefore is not { } before)
        {
            return new InvariantResult(NothingOutlivesItsTurnOrSession, false, "no gauges were taken before the session");
        }

        foreach (var (number, gauges) in record.GaugesAfterTurns)
        {
            foreach (var name in new[] { LiveResources.CaptureStreams.Name, LiveResources.SpeculativeJobs.Name })
            {
                if (gauges[name] > before[name])
                {
                    problems.Add($"after turn {number}: {name} {gauges[name]} (before the session {before[name]})");
                }
            }

            foreach (var name in new[] { LiveResources.RealtimeConnections.Name, LiveResources.PlaybackStreams.Name })
            {
                if (gauges[name] > before[name] + 1)
                {
                    problems.Add($"after turn {number}: {name} {gauges[name]}, more than the session's one");
                }
            }
        }

        if (record.GaugesAfter is not { } after)
        {
            problems.Add("no gauges were taken after the session");
        }
        else
        {
            problems.AddRange(after.DifferencesFrom(before).Select(d => "after the session: " + d));
        }

        if (record.ChildrenBeforeStop.Count == 0)
        {
            problems.Add("the probe found no child of the running session (Identify), so it cannot vouch for the end");
        }

        problems.AddRange(record.ActorsAfterStop.Select(a => $"{a} is still alive after the session stopped"));
        return Result(NothingOutlivesItsTurnOrSession, problems,
            $"{record.GaugesAfterTurns.Count} turns left nothing running; after the session {record.GaugesAfter}; {record.ChildrenBeforeStop.Count} children before the stop, none after");
    }

    /// <summary>Managed memory, handles and threads end within the tolerance of their value after the warm-up turn.</summary>
    public InvariantResult CheckResources(ChaosRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Baseline is not { } baseline || record.Final is not { } final)
        {
            return new InvariantResult(ResourcesReturnToBaseline, false, "no baseline or no final sample (the warm-up turn did not run)");
        }

        var problems = new List<string>();
        if (final.ManagedBytes > baseline.ManagedBytes + _tolerance.ManagedBytes)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"managed memory grew {Mib(final.ManagedBytes - baseline.ManagedBytes)} MiB (allowed {Mib(_tolerance.ManagedBytes)} MiB)"));
        }

        if (final.Handles > baseline.Handles + _tolerance.Handles)
        {
            problems.Add($"handles grew from {baseline.Handles} to {final.Handles} (allowed +{_tolerance.Handles})");
        }

        if (final.Threads > baseline.Threads + _tolerance.Threads)
        {
            problems.Add($"threads grew from {baseline.Threads} to {final.Threads} (allowed +{_tolerance.Threads})");
        }

        return Result(ResourcesReturnToBaseline, problems, string.Create(CultureInfo.InvariantCulture,
            $"baseline {baseline}; final {final} (memory {Signed(Mib(final.ManagedBytes - baseline.ManagedBytes))} MiB, handles {Signed(final.Handles - baseline.Handles)}, threads {Signed(final.Threads - baseline.Threads)})"));
    }

    private static InvariantResult Result(string name, List<string> problems, string heldDetail) =>
        problems.Count == 0 ? new InvariantResult(name, true, heldDetail) : new InvariantResult(name, false, string.Join("; ", problems));

    /// <summary>One completion per turn (the last), for the invariants that judge a turn's content, not how often it ended.</summary>
    private static IEnumerable<TurnResult> Distinct(IEnumerable<TurnResult> completions) =>
        completions.GroupBy(c => c.TurnNumber).Select(g => g.Last()).OrderBy(c => c.TurnNumber);

    /// <summary>
    /// Failed, or answered with an error (a result the session made up for a crashed turn), or no turn at all (a
    /// session that failed). A superseded or interrupted turn keeps its reason in the error and is no failure.
    /// </summary>
    public static bool IsFailure(TurnResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome == TurnOutcome.Failed || (result.Outcome == TurnOutcome.Answered && result.Error is not null) || result.TurnNumber <= 0;
    }

    private static string Outcome(TurnResult result) => IsFailure(result) ? "failed" : result.Outcome.ToString().ToLowerInvariant();

    private static string Describe(TurnResult result) => result.Error is null ? Outcome(result) : $"{Outcome(result)}: {result.Error}";

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static double Mib(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 1);

    private static string Signed(double value) => value.ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture);
}
