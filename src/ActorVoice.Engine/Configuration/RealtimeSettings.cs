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

    /// <summary>Most transcript-log entries a session keeps, and re-seeds a new connection with.</summary>
    [SettingRange(1)]
    public required int TranscriptLogSize { get; init; }

    public required string Voice { get; init; }

    public required string Instructions { get; init; }

    /// <summary>
    /// The environment variable holding the endpoint's key; empty: <c>OPENAI_API_KEY</c> for api.openai.com and
    /// <c>ACTORVOICE_REALTIME_KEY</c> for any other host (so the OpenAI key only goes elsewhere when named here).
    /// </summary>
    [SettingKey("api-key-env")]
    public required string ApiKeyVariable { get; init; }

    /// <summary>The key itself, when it cannot come from the environment; wins over <see cref="ApiKeyVariable"/>.</summary>
    public required string ApiKey { get; init; }

    /// <summary><c>bearer</c> (<c>Authorization: Bearer</c>) or <c>api-key</c> (the <c>api-key</c> header Azure OpenAI accepts).</summary>
    [OneOf("bearer", "api-key")]
    public required string ApiKeyHeader { get; init; }

    /// <summary>How long the socket waits for the answer to a keep-alive ping before it declares the peer dead (never infinite).</summary>
    [Positive]
    public required TimeSpan KeepAliveTimeout { get; init; }

    /// <summary>Reconnecting after a lost connection: exponential backoff with jitter, bounded attempts.</summary>
    public required ReconnectSettings Reconnect { get; init; }

    /// <summary>
    /// A connection this old is replaced between turns by a new one, configured and re-seeded before the swap (OpenAI
    /// ends sessions after 60 minutes). Zero: never.
    /// </summary>
    public required TimeSpan RecycleAfter { get; init; }

    /// <summary>Spoken when the connection dropped during a turn whose answer cannot be recovered (the turn ends as a fallback).</summary>
    public required string ConnectionLostText { get; init; }

    public bool IsEmbedded => string.Equals(Url, "embedded", StringComparison.OrdinalIgnoreCase);
}
