using ActorVoice.Config;
using ActorVoice.Engine.Configuration;
using ActorVoice.LocalServer.Hosting;

namespace ActorVoice.Cli.Runtime;

/// <summary>The HOCON a command runs with: command-line overrides, then --config FILE, then the embedded defaults.</summary>
public static class CliConfig
{
    public static Akka.Configuration.Config Load(string? configFile, IEnumerable<string> overrides) =>
        HoconConfig.Compose(
            configFile,
            string.Join('\n', overrides),
            EngineSettings.DefaultConfig(),
            LocalServerSettings.DefaultConfig());

    /// <summary>Quotes a value for a HOCON assignment.</summary>
    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
