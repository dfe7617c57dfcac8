namespace ActorVoice.Lab.Runners.Simulated;

/// <summary>One retrieval job of a simulated turn; times are virtual.</summary>
public sealed class JobRecord(long jobId, string prefix, bool speculative, DateTimeOffset startedAt)
{
    public long JobId { get; } = jobId;

    public string Prefix { get; } = prefix;

    public bool Speculative { get; } = speculative;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public DateTimeOffset? EndedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public bool Failed { get; set; }
}
