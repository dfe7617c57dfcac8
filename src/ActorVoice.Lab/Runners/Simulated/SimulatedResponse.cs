namespace ActorVoice.Lab.Runners.Simulated;

/// <summary>A response the engine requested from the scripted peer, and what became of it (virtual times).</summary>
public sealed class SimulatedResponse(string id, string itemId, bool bridge, DateTimeOffset createdAt, double firstAudioLatencyMs, double durationMs)
{
    public string Id { get; } = id;

    public string ItemId { get; } = itemId;

    /// <summary>An acknowledgement (bridge), not the answer.</summary>
    public bool Bridge { get; } = bridge;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public double FirstAudioLatencyMs { get; } = firstAudioLatencyMs;

    public double DurationMs { get; } = durationMs;

    public bool Cancelled { get; set; }

    /// <summary>The peer sent its first audio.</summary>
    public DateTimeOffset? AudioAt { get; set; }

    /// <summary>Playback started playing it (its audio is heard from then).</summary>
    public DateTimeOffset? PlayedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
