using ActorVoice.Config;

namespace ActorVoice.LocalServer.Hosting;

/// <summary>
/// Typed settings of the local realtime server, read once from <c>actorvoice.local-server</c>. Every default is in the
/// embedded reference config (hocon/reference/local-server.conf), none in code: <see cref="Reference"/> is that config read.
/// </summary>
public sealed record LocalServerSettings
{
    private static readonly SettingsSource<LocalServerSettings> Source =
        new(typeof(LocalServerSettings).Assembly, "ActorVoice.LocalServer.reference.conf", "actorvoice.local-server");

    public required string Host { get; init; }

    /// <summary>TCP port; 0 picks a free one.</summary>
    [SettingRange(0, 65535)]
    public required int Port { get; init; }

    [Positive]
    public required int MaxFrameBytes { get; init; }

    [Positive]
    public required int MaxSessions { get; init; }

    [Positive]
    public required TimeSpan MaxSessionDuration { get; init; }

    /// <summary>Input audio budget per session in wire bytes per second; 0 means unlimited.</summary>
    [SettingRange(0)]
    public required int MaxAudioBytesPerSecond { get; init; }

    /// <summary>The key clients must present; empty means none.</summary>
    public required string ApiKey { get; init; }

    /// <summary>Whether beta-dialect clients are served (with beta event names) or refused as OpenAI does.</summary>
    public required bool AcceptBeta { get; init; }

    public required TlsSettings Tls { get; init; }

    public required VadSettings Vad { get; init; }

    public required RecognitionSettings Recognition { get; init; }

    public required SynthesisSettings Synthesis { get; init; }

    /// <summary>The settings of the reference config alone: the documented defaults, read once.</summary>
    public static LocalServerSettings Reference => Source.Reference;

    /// <summary>The embedded reference config, parsed once.</summary>
    public static Akka.Configuration.Config DefaultConfig() => Source.ReferenceConfig;

    /// <summary>Reads <c>actorvoice.local-server</c> of <paramref name="root"/>, falling back to the reference config.</summary>
    /// <exception cref="InvalidSettingException">A value is malformed or out of range; the message names its key.</exception>
    public static LocalServerSettings Create(Akka.Configuration.Config root) => Source.Read(root);
}
