namespace ActorVoice.Engine.Configuration;

/// <summary>Where and how the session socket connects.</summary>
public sealed record RealtimeSettings
{
    /// <summary><c>embedded</c> (in-process local server) or a ws:// / wss:// URL.</summary>
    public string Url { get; init; } = "embedded";

    public string Model { get; init; } = "gpt-realtime";

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string TranscriptionModel { get; init; } = "gpt-4o-transcribe";

    public string Voice { get; init; } = "marin";

    public string Instructions { get; init; } = string.Empty;

    public bool IsEmbedded => string.Equals(Url, "embedded", StringComparison.OrdinalIgnoreCase);
}
