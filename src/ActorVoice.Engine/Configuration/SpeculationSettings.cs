using ActorVoice.Config;

namespace ActorVoice.Engine.Configuration;

/// <summary>Speculative retrieval on partial transcripts (<c>actorvoice.engine.speculation</c>); see docs/speculation.md.</summary>
public sealed record SpeculationSettings
{
    /// <summary>Off: no speculative jobs; the final transcript is always queried afresh.</summary>
    public required bool Enabled { get; init; }

    /// <summary>Quiet time after the newest partial before a job starts for it.</summary>
    public required TimeSpan Debounce { get; init; }

    /// <summary>Prefixes with fewer content (non-stop) words start no job.</summary>
    [SettingRange(1)]
    public required int MinContentWords { get; init; }

    /// <summary>Speculative jobs running at once per turn; when full, the oldest is cancelled for the new one.</summary>
    [SettingRange(1)]
    public required int MaxInFlight { get; init; }

    /// <summary>
    /// Meaning rule: when the final transcript awaits a running job, the other running jobs keep going, and the first one
    /// to finish with an answer to the final question is reused.
    /// </summary>
    public required bool RaceRunningJobs { get; init; }

    public required SpeculationReuseRule ReuseRule { get; init; }

    /// <summary>Passages compared by the <see cref="SpeculationReuseRule.SameTopK"/> rule.</summary>
    [SettingRange(1)]
    public required int CompareTopK { get; init; }

    /// <summary>Time allowed from the final transcript to a result; after it the turn gets a failure and speaks a fallback.</summary>
    [Positive]
    public required TimeSpan Deadline { get; init; }

    /// <summary>
    /// True when partial transcripts hold finished words only (the local server sends a word once it is stable); false
    /// when the last word may still be growing (token-wise deltas), so it is left out of the speculated prefix.
    /// </summary>
    public required bool LastWordStable { get; init; }

    /// <summary>
    /// On: when a speculative result is reused, the final transcript is also queried afresh off the critical path and
    /// the two results' top documents are compared (<see cref="Speculation.SpeculationStats.Agreed"/>).
    /// </summary>
    public required bool Verify { get; init; }

    /// <summary>How the <see cref="SpeculationReuseRule.Meaning"/> rule judges that two texts ask the same question.</summary>
    public required ReuseJudgeSettings Judge { get; init; }

    /// <summary>Checks the numbers of settings made in code (HOCON values are checked when read); throws naming the key.</summary>
    public SpeculationSettings Validate()
    {
        if (Debounce < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Debounce), Debounce, "speculation.debounce must not be negative.");
        }

        if (MinContentWords < 1 || MaxInFlight < 1 || CompareTopK < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxInFlight), "speculation.min-content-words, max-in-flight and compare-top-k must be at least 1.");
        }

        if (Deadline <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Deadline), Deadline, "speculation.deadline must be positive.");
        }

        Judge.Validate();
        return this;
    }
}
