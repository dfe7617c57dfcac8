namespace ActorVoice.Realtime.Protocol.Session;

/// <summary>Server VAD (<c>server_vad</c>) or semantic VAD (<c>semantic_vad</c>) settings.</summary>
public sealed record TurnDetection(string Type)
{
    public const string ServerVad = "server_vad";
    public const string SemanticVad = "semantic_vad";

    /// <summary>Sent as <c>"turn_detection": null</c>: no server VAD, the client commits turns itself.</summary>
    public static TurnDetection Disabled { get; } = new("none");

    public double? Threshold { get; init; }

    public int? PrefixPaddingMs { get; init; }

    public int? SilenceDurationMs { get; init; }

    public int? IdleTimeoutMs { get; init; }

    public bool? CreateResponse { get; init; }

    public bool? InterruptResponse { get; init; }

    public string? Eagerness { get; init; }
}
