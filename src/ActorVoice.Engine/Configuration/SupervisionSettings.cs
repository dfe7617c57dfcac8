using ActorVoice.Config;

namespace ActorVoice.Engine.Configuration;

/// <summary>How often a session's child may fail before the session gives up (<c>actorvoice.engine.supervision</c>).</summary>
public sealed record SupervisionSettings
{
    [SettingRange(0)]
    public required int MaxRetries { get; init; }

    [Positive]
    public required TimeSpan Within { get; init; }
}
