using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Scripts;
using ActorVoice.Lab.Timeline;

namespace ActorVoice.Lab.Runners;

/// <summary>
/// THE ANALYTIC MODEL: a closed-form account of each strategy over a <see cref="TurnScript"/>. It is NOT the
/// engine-driven simulation issue 9 asks for (TurnActor and SpeculatorActor under Akka's TestScheduler); it exists to
/// test the lab's plumbing and to serve as a reference the engine's figures can be compared with.
/// <list type="bullet">
/// <item>sequential: one job on the final transcript; response.create when it ends.</item>
/// <item>speculative: a partial that stood unchanged for the debounce (with enough words, a new text, and a free
/// in-flight slot) starts a job that is never cancelled for being superseded. At the final transcript the judge picks,
/// among the jobs whose query answers the final text, the one on the latest partial among those already done, else
/// the one that ends first; response.create when both the final transcript and that job are there. Without one, a
/// fresh job on the final transcript.</item>
/// <item>-preemptive: at the engine's own end of speech, a job whose query answers the local recognizer's text and
/// that ends before the final transcript (chosen the same way) gets its response created as soon as it ends; its audio is held until the final
/// transcript confirms the question (the judge again), else the response is dropped and the speculative rule applies.</item>
/// <item>-bridge: when the answer is not ready <c>bridge.delay</c> after the engine's end of speech, an
/// acknowledgement is requested then; the answer's audio follows the acknowledgement's end.</item>
/// </list>
/// Speculative jobs not used are wasted; those still running at the final transcript are cancelled then.
/// Agreement: the used result's top document equals a fresh query's on the final text.
/// </summary>
public sealed class AnalyticTurnRunner : ILabTurnRunner
{
    private readonly SpeculationSettings _speculation;
    private readonly BridgeSettings _bridge;
    private readonly IReuseJudge _judge;
    private readonly Func<string, IReadOnlyList<string>> _retriever;

    /// <param name="speculation">When speculative jobs start.</param>
    /// <param name="bridge">When an acknowledgement is spoken.</param>
    /// <param name="judge">Whether a speculative result answers a question.</param>
    /// <param name="retriever">Document ids for a text, best first: the fresh query that checks agreement.</param>
    public AnalyticTurnRunner(SpeculationSettings speculation, BridgeSettings bridge, IReuseJudge judge, Func<string, IReadOnlyList<string>> retriever)
    {
        ArgumentNullException.ThrowIfNull(speculation);
        ArgumentNullException.ThrowIfNull(bridge);
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(retriever);
        _speculation = speculation;
        _bridge = bridge;
        _judge = judge;
        _retriever = retriever;
    }

    public Task<LabTurn> RunAsync(TurnScript script, StrategyName strategy, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Run(script, strategy));
    }

    public LabTurn Run(TurnScript script, StrategyName strategy)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(strategy);
        var final = script.FinalTranscriptMs;
        var jobs = strategy.Speculative ? StartSpeculativeJobs(script) : [];
        var (used, responseCreate, answerAudio) = ChooseAnswer(script, strategy, jobs);
        var answerReady = used.EndMs;

        double? bridgeAudio = null;
        if (strategy.Bridge && answerReady > script.SpeechEndLocalMs + _bridge.DelayMs)
        {
            var bridgeStart = script.SpeechEndLocalMs + _bridge.DelayMs + script.BridgeFirstAudioLatencyMs;
            if (bridgeStart < answerAudio)
            {
                bridgeAudio = bridgeStart;
                answerAudio = Math.Max(answerAudio, bridgeStart + script.BridgeDurationMs);
            }
        }

        var firstAudio = Math.Min(bridgeAudio ?? double.MaxValue, answerAudio);
        return new LabTurn
        {
            Strategy = strategy.Name,
            Turn = script.Turn,
            QuestionId = script.QuestionId,
            SpeechStartMs = script.SpeechStartMs,
            SpeechEndLocalMs = script.SpeechEndLocalMs,
            SpeechEndServiceMs = script.SpeechEndServiceMs,
            CommitMs = script.CommitMs,
            PartialsMs = script.Partials.Select(partial => partial.AtMs).ToArray(),
            FinalTranscriptMs = final,
            Jobs = jobs.Select(job => job.ToLabJob(ReferenceEquals(job, used), final)).ToArray(),
            AnswerReadyMs = answerReady,
            ResponseCreateMs = responseCreate,
            FirstAudioMs = firstAudio,
            AnswerAudioMs = answerAudio,
            BridgeAudioMs = bridgeAudio,
            PlaybackStartMs = firstAudio,
            PlaybackEndMs = answerAudio + script.AnswerDurationMs,
            Hit = used.Speculative,
            Agreement = !used.Speculative || SameTopDocument(used.Query, script.FinalText),
        };
    }

    private (PlannedJob Used, double ResponseCreate, double AnswerAudio) ChooseAnswer(TurnScript script, StrategyName strategy, List<PlannedJob> jobs)
    {
        var final = script.FinalTranscriptMs;
        PlannedJob? rejected = null;
        if (strategy.Preemptive)
        {
            var ready = Choose(jobs, job => job.EndMs <= final && _judge.Answers(job.Query, script.LocalText), script.SpeechEndLocalMs);
            if (ready is not null)
            {
                var create = Math.Max(script.SpeechEndLocalMs, ready.EndMs);
                if (_judge.Answers(ready.Query, script.FinalText))
                {
                    // The audio is held unplayed until the final transcript confirms the question.
                    return (ready, create, Math.Max(create + script.FirstAudioLatencyMs, final));
                }

                rejected = ready;
            }
        }

        if (strategy.Speculative)
        {
            var reusable = Choose(jobs, job => !ReferenceEquals(job, rejected) && _judge.Answers(job.Query, script.FinalText), final);
            if (reusable is not null)
            {
                var create = Math.Max(final, reusable.EndMs);
                return (reusable, create, create + script.FirstAudioLatencyMs);
            }
        }

        var fresh = new PlannedJob(script.FinalText, final, final + script.FinalKnowledgeLatencyMs, Speculative: false);
        jobs.Add(fresh);
        return (fresh, fresh.EndMs, fresh.EndMs + script.FirstAudioLatencyMs);
    }

    private List<PlannedJob> StartSpeculativeJobs(TurnScript script)
    {
        var jobs = new List<PlannedJob>();
        string? lastQuery = null;
        for (var i = 0; i < script.Partials.Count; i++)
        {
            var partial = script.Partials[i];
            var start = partial.AtMs + _speculation.DebounceMs;
            if (start >= script.FinalTranscriptMs)
            {
                break;
            }

            var superseded = i + 1 < script.Partials.Count && script.Partials[i + 1].AtMs < start;
            if (superseded
                || partial.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < _speculation.MinWords
                || string.Equals(partial.Text, lastQuery, StringComparison.Ordinal)
                || jobs.Count(job => job.EndMs > start) >= _speculation.MaxInFlight)
            {
                continue;
            }

            jobs.Add(new PlannedJob(partial.Text, start, start + partial.KnowledgeLatencyMs, Speculative: true));
            lastQuery = partial.Text;
        }

        return jobs;
    }

    /// <summary>
    /// Among the eligible jobs, the one on the most recent partial (the most words heard) if any is ready at
    /// <paramref name="decisionMs"/>, else the one that ends first.
    /// </summary>
    private static PlannedJob? Choose(List<PlannedJob> jobs, Func<PlannedJob, bool> eligible, double decisionMs)
    {
        PlannedJob? latestReady = null, firstToEnd = null;
        foreach (var job in jobs.Where(eligible))
        {
            if (job.EndMs <= decisionMs && (latestReady is null || job.StartMs > latestReady.StartMs))
            {
                latestReady = job;
            }

            if (firstToEnd is null || job.EndMs < firstToEnd.EndMs)
            {
                firstToEnd = job;
            }
        }

        return latestReady ?? firstToEnd;
    }

    private bool SameTopDocument(string query, string question)
    {
        var reused = _retriever(query);
        var fresh = _retriever(question);
        return reused.Count == 0 || fresh.Count == 0
            ? reused.Count == fresh.Count
            : string.Equals(reused[0], fresh[0], StringComparison.Ordinal);
    }

    private sealed record PlannedJob(string Query, double StartMs, double EndMs, bool Speculative)
    {
        /// <summary>A job not used that was still running when the turn's question was settled is cancelled then.</summary>
        public LabJob ToLabJob(bool used, double settledMs) =>
            used || EndMs <= settledMs
                ? new LabJob(Query, StartMs, EndMs, null, used, Speculative)
                : new LabJob(Query, StartMs, null, settledMs, used, Speculative);
    }
}
