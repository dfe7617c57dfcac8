using ActorVoice.Config;

namespace ActorVoice.Server.Configuration;

/// <summary>
/// Typed settings of <c>actorvoice serve</c>, read once from <c>actorvoice.serve</c>. Every default is in the embedded
/// reference config (hocon/reference/serve.conf). The security, limits and TLS sections have settings of their own.
/// </summary>
public sealed record ServeSettings
{
    private static readonly SettingsSource<ServeSettings> Source =
        new(typeof(ServeSettings).Assembly, "ActorVoice.Server.reference.conf", "actorvoice.serve");

    /// <summary>Where Kestrel listens, semicolon-separated.</summary>
    public required string Urls { get; init; }

    /// <summary>How long turns in progress may finish once a drain begins; then sockets close with 1001.</summary>
    [Positive]
    public required TimeSpan DrainTimeout { get; init; }

    /// <summary>A turn still running this long before the drain deadline is ended with the spoken fallback notice.</summary>
    [SettingRange(0)]
    public required TimeSpan DrainNotice { get; init; }

    /// <summary>Microphone frames of one client waiting for its capture stream; the oldest are dropped beyond it.</summary>
    [Positive]
    public required int MicrophoneQueue { get; init; }

    /// <summary>How long a client's session may take to be configured.</summary>
    [Positive]
    public required TimeSpan SessionStartTimeout { get; init; }

    /// <summary>
    /// Whether the engine runs its own VAD on each client's microphone: <c>auto</c> (not with the embedded realtime
    /// server, whose VAD already hears the same audio in this process), <c>on</c> or <c>off</c>.
    /// </summary>
    [OneOf("auto", "on", "off")]
    public required string EngineLocalVad { get; init; }

    /// <summary>
    /// The engine's <c>turn.local-vad</c> for serve's sessions given this setting and whether the realtime server is
    /// the embedded one; null: the engine's own setting stands.
    /// </summary>
    public bool? EngineLocalVadFor(bool embeddedRealtimeServer) => EngineLocalVad switch
    {
        "on" => true,
        "off" => false,
        _ => embeddedRealtimeServer ? false : null,
    };

    /// <summary>The settings of the reference config alone.</summary>
    public static ServeSettings Reference => Source.Reference;

    /// <summary>The embedded reference config, parsed once.</summary>
    public static Akka.Configuration.Config DefaultConfig() => Source.ReferenceConfig;

    /// <summary>Reads <c>actorvoice.serve</c> of <paramref name="root"/>, falling back to the reference config.</summary>
    /// <exception cref="InvalidSettingException">A value is malformed or out of range; the message names its key.</exception>
    public static ServeSettings Create(Akka.Configuration.Config root)
    {
        var settings = Source.Read(root);
        if (settings.DrainNotice >= settings.DrainTimeout)
        {
            throw new InvalidSettingException("actorvoice.serve.drain-notice", "must be below actorvoice.serve.drain-timeout.");
        }

        return settings;
    }
}
