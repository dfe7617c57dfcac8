using ActorVoice.Audio.Vad;
using ActorVoice.Config;

namespace ActorVoice.LocalServer.Hosting;

/// <summary>The server VAD (<c>actorvoice.local-server.vad</c>): frame energy or the Silero neural model.</summary>
public sealed record VadSettings
{
    /// <summary>The detector every session's turn detection runs: energy (dBFS) or Silero (speech probability).</summary>
    public required VadKind Kind { get; init; }

    /// <summary>Silero: running speech counts as silence below the session's threshold minus this gap (hysteresis).</summary>
    [SettingRange(0, 1)]
    public required double SileroEndGap { get; init; }

    /// <summary>Silero's model file; empty: models/silero/silero_vad.onnx beside the binaries or above them.</summary>
    [HomePath]
    public required string SileroModel { get; init; }

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

    /// <summary>The detector for a session whose turn detection threshold (0..1) is <paramref name="threshold"/>.</summary>
    public VadChoice ChoiceFor(double threshold) =>
        new(Kind, SileroThresholds.FromStart(Math.Max(0.01, threshold), SileroEndGap), SileroModel);
}
