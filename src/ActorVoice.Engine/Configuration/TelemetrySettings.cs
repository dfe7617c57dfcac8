namespace ActorVoice.Engine.Configuration;

/// <summary>Where a session's trace goes (<c>actorvoice.engine.telemetry</c>).</summary>
public sealed record TelemetrySettings
{
    /// <summary>Folder for one JSONL trace per session; empty: no trace files.</summary>
    public required string TraceDir { get; init; }

    public bool TracesEnabled => !string.IsNullOrWhiteSpace(TraceDir);
}
