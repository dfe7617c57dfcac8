using ActorVoice.Hosting.Configuration;

namespace ActorVoice.Cli.Runtime;

/// <summary>The HOCON a command runs with: command-line overrides, then --config FILE, then the embedded defaults.</summary>
public static class CliConfig
{
    public static Akka.Configuration.Config Load(string? configFile, IEnumerable<string> overrides) => ActorVoiceConfig.Load(configFile, overrides);

    /// <summary>Quotes a value for a HOCON assignment.</summary>
    public static string Quote(string value) => ActorVoiceConfig.Quote(value);
}
