using System.Net.WebSockets;

namespace ActorVoice.Engine.Realtime;

/// <summary>
/// The key a session presents to its Realtime endpoint, the header it travels in, and where it came from (an
/// environment variable's name or a setting's path), so a refusal can say what to check. The value is never shown:
/// <see cref="ToString"/> names only the source.
/// </summary>
public sealed class RealtimeKey
{
    public RealtimeKey(string value, RealtimeKeyHeader header, string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        ArgumentException.ThrowIfNullOrEmpty(source);
        Value = value;
        Header = header;
        Source = source;
    }

    /// <summary>The secret itself; only <see cref="Apply"/> reads it.</summary>
    internal string Value { get; }

    public RealtimeKeyHeader Header { get; }

    /// <summary>Where the key was read, e.g. <c>environment variable OPENAI_API_KEY</c>; never the key.</summary>
    public string Source { get; }

    /// <summary>The header as a reader would check it, e.g. <c>Authorization: Bearer</c>.</summary>
    public string HeaderDescription => Header == RealtimeKeyHeader.ApiKey ? "api-key header" : "Authorization: Bearer header";

    /// <summary>Sets the key's header on a client socket before the handshake.</summary>
    public void Apply(ClientWebSocketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Header == RealtimeKeyHeader.ApiKey)
        {
            options.SetRequestHeader("api-key", Value);
        }
        else
        {
            options.SetRequestHeader("Authorization", "Bearer " + Value);
        }
    }

    public override string ToString() => $"key from {Source} ({HeaderDescription})";
}
