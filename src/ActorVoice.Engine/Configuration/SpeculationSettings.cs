namespace ActorVoice.Engine.Configuration;

/// <summary>Speculative retrieval on partial transcripts (<c>actorvoice.engine.speculation</c>); see docs/speculation.md.</summary>
public sealed record SpeculationSettings
{
    /// <summary>Off: no speculative jobs; the final transcript is always queried afresh.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Quiet time after the newest partial before a job starts for it.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Prefixes with fewer content (non-stop) words start no job.</summary>
    public int MinContentWords { get; init; } = 2;

    /// <summary>Speculative jobs running at once per turn; when full, the oldest is cancelled for the new one.</summary>
    public int MaxInFlight { get; init; } = 2;

    public SpeculationReuseRule ReuseRule { get; init; } = SpeculationReuseRule.StopwordExtension;

    /// <summary>Passages compared by the <see cref="SpeculationReuseRule.SameTopK"/> rule.</summary>
    public int CompareTopK { get; init; } = 3;

    /// <summary>Time allowed from the final transcript to a result; after it the turn gets a failure and speaks a fallback.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// True when partial transcripts hold finished words only (the local server sends a word once it is stable); false
    /// when the last word may still be growing (token-wise deltas), so it is left out of the speculated prefix.
    /// </summary>
    public bool LastWordStable { get; init; }

    /// <summary>Parses <c>normalized</c>, <c>stopword-extension</c> or <c>same-top-k</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">Any other value; the message lists the accepted ones.</exception>
    public static SpeculationReuseRule ParseReuseRule(string value) =>
        value?.Trim().ToUpperInvariant() switch
        {
            "NORMALIZED" or "NORMALISED" => SpeculationReuseRule.Normalized,
            "STOPWORD-EXTENSION" => SpeculationReuseRule.StopwordExtension,
            "SAME-TOP-K" => SpeculationReuseRule.SameTopK,
            _ => throw new FormatException(
                $"Unknown reuse rule '{value}' (actorvoice.engine.speculation.reuse-rule); use 'normalized', 'stopword-extension' or 'same-top-k'."),
        };

    /// <summary>Checks the numbers; throws with the key's name when one is out of range.</summary>
    public SpeculationSettings Validate()
    {
        if (Debounce < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Debounce), Debounce, "speculation.debounce must not be negative.");
        }

        if (MinContentWords < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinContentWords), MinContentWords, "speculation.min-content-words must be at least 1.");
        }

        if (MaxInFlight < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInFlight), MaxInFlight, "speculation.max-in-flight must be at least 1.");
        }

        if (CompareTopK < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CompareTopK), CompareTopK, "speculation.compare-top-k must be at least 1.");
        }

        if (Deadline <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Deadline), Deadline, "speculation.deadline must be positive.");
        }

        return this;
    }
}
