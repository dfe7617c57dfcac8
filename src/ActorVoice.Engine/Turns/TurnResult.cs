namespace ActorVoice.Engine.Turns;

/// <summary>Everything one question-and-answer turn produced and measured.</summary>
public sealed record TurnResult(int TurnNumber, string Label)
{
    public IReadOnlyList<string> Partials { get; init; } = [];

    public string Transcript { get; init; } = string.Empty;

    public IReadOnlyList<TurnSource> Sources { get; init; } = [];

    public string Answer { get; init; } = string.Empty;

    /// <summary>The document of the best source, or null when nothing was retrieved.</summary>
    public string? TopDocument => Sources.Count > 0 ? Sources[0].Document : null;

    /// <summary>The assistant's spoken transcript as the server reported it.</summary>
    public string SpokenTranscript { get; init; } = string.Empty;

    public long AudioReceivedMs { get; init; }

    public long AudioPlayedMs { get; init; }

    public string? AudioFile { get; init; }

    public TurnTimeline Timeline { get; init; } = new();

    /// <summary>Null when the turn completed; otherwise what went wrong.</summary>
    public string? Error { get; init; }

    public bool Succeeded => Error is null;
}
