using ActorVoice.Config;

namespace ActorVoice.Engine.Configuration;

/// <summary>
/// Typed engine settings, read once from <c>actorvoice.engine</c>. Every default is in the embedded reference config
/// (hocon/reference/engine.conf), none in code: <see cref="Reference"/> is that config read, and tests derive their
/// settings from it with <c>with</c>.
/// </summary>
public sealed record EngineSettings
{
    private static readonly SettingsSource<EngineSettings> Source =
        new(typeof(EngineSettings).Assembly, "ActorVoice.Engine.reference.conf", "actorvoice.engine");

    public required RealtimeSettings Realtime { get; init; }

    public required CaptureSettings Capture { get; init; }

    public required TurnSettings Turn { get; init; }

    public required RetrievalSettings Retrieval { get; init; }

    public required AnswerSettings Answer { get; init; }

    public required PlaybackSettings Playback { get; init; }

    public required SupervisionSettings Supervision { get; init; }

    public required KnowledgeSettings Knowledge { get; init; }

    public required SpeculationSettings Speculation { get; init; }

    public required TelemetrySettings Telemetry { get; init; }

    /// <summary>The settings of the reference config alone: the documented defaults, read once.</summary>
    public static EngineSettings Reference => Source.Reference;

    /// <summary>The embedded reference config, parsed once.</summary>
    public static Akka.Configuration.Config DefaultConfig() => Source.ReferenceConfig;

    /// <summary>Reads <c>actorvoice.engine</c> of <paramref name="root"/>, falling back to the reference config.</summary>
    /// <exception cref="InvalidSettingException">A value is malformed or out of range; the message names its key.</exception>
    public static EngineSettings Create(Akka.Configuration.Config root) => Source.Read(root);
}
