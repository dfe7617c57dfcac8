using System.CommandLine;
using ActorVoice.Hosting.Configuration;

namespace ActorVoice.Cli.Runtime;

/// <summary><c>--config FILE</c> and <c>--set key=value</c>: the HOCON every command that builds a host runs with.</summary>
public sealed class ConfigOptions
{
    public Option<string?> Config { get; } = new("--config") { Description = "HOCON file overriding the defaults (see hocon/)." };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "One HOCON override, e.g. --set actorvoice.engine.turn.vad-silence-duration=700ms (repeatable).",
        AllowMultipleArgumentsPerToken = false,
    };

    public IEnumerable<Option> All => [Config, Set];

    /// <summary>
    /// The composed config: <paramref name="defaults"/> (the command's own), then <c>--set</c> lines, then
    /// <paramref name="fromOptions"/> (dedicated options such as <c>--pace</c>); later lines win.
    /// </summary>
    public Akka.Configuration.Config Load(ParseResult parse, IEnumerable<string> defaults, IEnumerable<string> fromOptions)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return ActorVoiceConfig.Load(parse.GetValue(Config), [.. defaults, .. parse.GetValue(Set) ?? [], .. fromOptions]);
    }

    /// <summary>HOCON lines for the options that were given: each option sets its key to its value.</summary>
    public static IEnumerable<string> Assignments(ParseResult parse, params IEnumerable<(Option<string?> Option, string Key)> keyed)
    {
        ArgumentNullException.ThrowIfNull(parse);
        foreach (var (option, key) in keyed)
        {
            if (parse.GetValue(option) is { } value)
            {
                yield return ActorVoiceConfig.Assign(key, value);
            }
        }
    }
}
