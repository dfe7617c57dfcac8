using ActorVoice.Config;

namespace ActorVoice.Engine.Configuration;

/// <summary>Where and how the session socket connects (<c>actorvoice.engine.realtime</c>).</summary>
public sealed record RealtimeSettings
{
    /// <summary><c>embedded</c> (in-process local server) or a ws:// / wss:// URL.</summary>
    public required string Url { get; init; }

    public required string Model { get; init; }

    [Positive]
    public required TimeSpan ConnectTimeout { get; init; }

    [Positive]
    public required TimeSpan KeepAlive { get; init; }

    [Positive]
    public required TimeSpan SessionTimeout { get; init; }

    public required string TranscriptionModel { get; init; }

    public required string Voice { get; init; }

    public required string Instructions { get; init; }

    public bool IsEmbedded => string.Equals(Url, "embedded", StringComparison.OrdinalIgnoreCase);
}
