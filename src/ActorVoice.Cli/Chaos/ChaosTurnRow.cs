namespace ActorVoice.Cli.Chaos;

/// <summary>One turn of a chaos run as reported (JSON field names in <see cref="ChaosReportWriter"/>).</summary>
public sealed record ChaosTurnRow(
    int Turn,
    string Label,
    string Kind,
    string Outcome,
    string? FallbackReason,
    int FalseInterruptions,
    string Transcript,
    string HeardAnswer,
    long AudioPlayedMs,
    string? Error);
