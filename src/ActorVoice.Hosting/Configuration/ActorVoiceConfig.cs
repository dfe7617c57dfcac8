using ActorVoice.Config;
using ActorVoice.Engine.Configuration;
using ActorVoice.LocalServer.Hosting;

namespace ActorVoice.Hosting.Configuration;

/// <summary>
/// The HOCON a host runs with, highest priority first: overrides (e.g. <c>--set</c> lines), the operator's file, then
/// the embedded reference configs of the engine and the local server (the only place defaults are written).
/// </summary>
public static class ActorVoiceConfig
{
    public static Akka.Configuration.Config Load(string? configFile, IEnumerable<string> overrides) =>
        HoconConfig.Compose(
            configFile,
            string.Join('\n', overrides),
            EngineSettings.DefaultConfig(),
            LocalServerSettings.DefaultConfig());

    /// <summary>The embedded defaults alone.</summary>
    public static Akka.Configuration.Config Reference() => Load(null, []);

    /// <summary>One HOCON assignment of a quoted string value: <c>key = "value"</c>.</summary>
    public static string Assign(string key, string value) => $"{key} = {Quote(value)}";

    /// <summary>Quotes a value for a HOCON assignment.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
