using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Speculation.Judging;

namespace ActorVoice.Engine.Speculation;

/// <summary>Where a <see cref="SpeculationJob"/> stands.</summary>
public enum SpeculationJobState
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>
/// One knowledge query of the <see cref="SpeculatorActor"/>: speculative (on a partial transcript's stable prefix) or
/// fresh (on the final transcript). Mutable, touched only on the actor's thread.
/// </summary>
public sealed class SpeculationJob(long id, long turnId, IReadOnlyList<string> words, bool speculative, DateTimeOffset startedAt, CancellationTokenSource cts)
{
    public long Id { get; } = id;

    public long TurnId { get; } = turnId;

    /// <summary>The normalised words the query answers.</summary>
    public IReadOnlyList<string> Words { get; } = words;

    public string Key { get; } = SpeculationText.Key(words);

    public bool Speculative { get; } = speculative;

    /// <summary>Content (non-stop) words of <see cref="Words"/>: how informative the job is.</summary>
    public int ContentWords { get; } = SpeculationText.ContentWordCount(words);

    /// <summary>What the job's text asks about, as the reuse judge saw it (meaning rule); null under the text rules.</summary>
    public QuestionMeaning? Meaning { get; set; }

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Cancels the running query; disposed by the actor when the query reports back.</summary>
    public CancellationTokenSource Cts { get; } = cts;

    public SpeculationJobState State { get; set; } = SpeculationJobState.Running;

    public KnowledgeResult? Result { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Already counted as reused or wasted.</summary>
    public bool Counted { get; set; }

    /// <summary>Running or succeeded: its result may still be used.</summary>
    public bool IsLive => State is SpeculationJobState.Running or SpeculationJobState.Succeeded;
}
