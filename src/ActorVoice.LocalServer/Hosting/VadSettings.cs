using ActorVoice.Config;

namespace ActorVoice.LocalServer.Hosting;

/// <summary>The energy-based server VAD (<c>actorvoice.local-server.vad</c>).</summary>
public sealed record VadSettings
{
    [SettingRange(-120, 0)]
    public required double MinDbfs { get; init; }

    [SettingRange(-120, 0)]
    public required double MaxDbfs { get; init; }

    [SettingRange(0, 1)]
    public required double Threshold { get; init; }

    public required TimeSpan PrefixPadding { get; init; }

    [Positive]
    public required TimeSpan SilenceDuration { get; init; }

    public required TimeSpan MinSpeechDuration { get; init; }
}
