namespace ActorVoice.Engine.Turns;

/// <summary>Everything one question-and-answer turn produced and measured.</summary>
public sealed record TurnResult(int TurnNumber, string Label)
{
    public IReadOnlyList<string> Partials { get; init; } = [];

    /// <summary>Partials of the local shadow recognizer (when <c>turn.local-recognizer</c> is on).</summary>
    public IReadOnlyList<string> LocalPartials { get; init; } = [];

    public string Transcript { get; init; } = string.Empty;

    public IReadOnlyList<TurnSource> Sources { get; init; } = [];

    public string Answer { get; init; } = string.Empty;

    /// <summary>The document of the best source, or null when nothing was retrieved.</summary>
    public string? TopDocument => Sources.Count > 0 ? Sources[0].Document : null;

    /// <summary>The assistant's spoken transcript as the server reported it.</summary>
    public string SpokenTranscript { get; init; } = string.Empty;

    /// <summary>The part of the spoken answer the user heard (all of it unless the user cut in).</summary>
    public string HeardAnswer { get; init; } = string.Empty;

    /// <summary>What speculative retrieval did in this turn, or null when the turn never reached retrieval.</summary>
    public Speculation.SpeculationStats? Speculation { get; init; }

    /// <summary>Set when the user cut in while the answer played.</summary>
    public BargeInReport? BargeIn { get; init; }

    /// <summary>Short replies ("okay", "uh huh") heard during the answer that did not interrupt it.</summary>
    public IReadOnlyList<string> Backchannels { get; init; } = [];

    public TurnOutcome Outcome { get; init; } = TurnOutcome.Answered;

    /// <summary>Every assistant item the turn cut back to the audio the user heard, with what playback reported for it.</summary>
    public IReadOnlyList<ItemTruncation> Truncations { get; init; } = [];

    /// <summary>Why a spoken fallback replaced the answer (<see cref="TurnOutcome.Fallback"/>); null otherwise.</summary>
    public string? FallbackReason { get; init; }

    /// <summary>
    /// False interruptions in this turn: user sound paused the answer, no words followed within
    /// <c>turn.false-interruption-timeout</c>, and the same answer resumed where it paused.
    /// </summary>
    public int FalseInterruptions { get; init; }

    public long AudioReceivedMs { get; init; }

    public long AudioPlayedMs { get; init; }

    public string? AudioFile { get; init; }

    public TurnTimeline Timeline { get; init; } = new();

    /// <summary>Null when the turn completed; otherwise what went wrong.</summary>
    public string? Error { get; init; }

    public bool Succeeded => Error is null;
}
