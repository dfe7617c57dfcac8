using ActorVoice.Config;

namespace ActorVoice.Server.Security;

/// <summary><c>actorvoice.serve.limits</c>: what one server and one client may use.</summary>
public sealed record ClientLimitSettings
{
    [Positive]
    public required int MaxSessions { get; init; }

    [Positive]
    public required int MaxFrameBytes { get; init; }

    [Positive]
    public required int AudioBytesPerSecond { get; init; }

    [Positive]
    public required int AudioBurstBytes { get; init; }

    [Positive]
    public required int EventsPerSecond { get; init; }

    [Positive]
    public required int EventsBurst { get; init; }

    [SettingRange(0)]
    public required int GarbageThreshold { get; init; }

    [Positive]
    public required TimeSpan IdleTimeout { get; init; }

    [Positive]
    public required int OutgoingQueueMessages { get; init; }

    [Positive]
    public required int OutgoingQueueBytes { get; init; }
}
