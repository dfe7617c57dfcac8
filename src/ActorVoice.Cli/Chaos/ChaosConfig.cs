using ActorVoice.Hosting.Configuration;

namespace ActorVoice.Cli.Chaos;

/// <summary>
/// The HOCON a chaos run uses: the chaos defaults (fast capture and playback, verbatim answers, a short turn
/// deadline so a stuck turn shows within the run), then the plan file's own engine keys (a plan may need realtime
/// playback, say), then <c>--set</c> lines, over <c>--config FILE</c> and the embedded defaults.
/// </summary>
public static class ChaosConfig
{
    /// <summary>The chaos defaults, below the plan's keys and the command line's.</summary>
    public static IReadOnlyList<string> Defaults(string outputFolder) =>
    [
        "actorvoice.engine.capture.pace = fast",
        "actorvoice.engine.playback.pace = fast",
        "actorvoice.engine.answer.injection = verbatim",
        "actorvoice.engine.turn.turn-timeout = 30s",
        ActorVoiceConfig.Assign("actorvoice.engine.playback.output-dir", Path.Combine(Path.GetFullPath(outputFolder), "audio")),
        ActorVoiceConfig.Assign("actorvoice.engine.telemetry.trace-dir", string.Empty),
    ];

    /// <param name="configFile">The operator's <c>--config</c> file, or null.</param>
    /// <param name="planFile">The plan file: its <c>actorvoice.faults</c> section is the plan, any other key overrides the engine's.</param>
    /// <param name="overrides">The <c>--set</c> lines.</param>
    /// <param name="outputFolder">The run's files.</param>
    public static Akka.Configuration.Config Compose(string? configFile, string planFile, IEnumerable<string> overrides, string outputFolder) =>
        ActorVoiceConfig.Load(configFile, [.. Defaults(outputFolder), File.ReadAllText(planFile), .. overrides]);
}
