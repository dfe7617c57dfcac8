namespace ActorVoice.Engine.Realtime;

/// <summary>Where a session's socket connects, and the key it presents there (null: none).</summary>
/// <remarks>The key is never logged or shown: <see cref="ToString"/> names only its source.</remarks>
public sealed record RealtimeEndpoint(Uri Uri, RealtimeKey? ApiKey = null)
{
    public override string ToString() => RealtimeClientConnection.Redact(Uri) + (ApiKey is null ? string.Empty : $" (with the {ApiKey})");
}
