using Akka.Configuration;

namespace ActorVoice.Cli.Runtime;

/// <summary>Durations written as in the HOCON files: 1500ms, 1.5s, 2s.</summary>
internal static class Durations
{
    /// <exception cref="FormatException">The text is not a non-negative duration; the message names <paramref name="name"/>.</exception>
    public static TimeSpan Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        TimeSpan value;
        try
        {
            value = ConfigurationFactory.ParseString("d = " + text.Trim()).GetTimeSpan("d");
        }
        catch (Exception ex) when (ex is ConfigurationException or FormatException or ArgumentException or InvalidCastException or NullReferenceException)
        {
            throw new FormatException($"{name}: '{text}' is not a duration (e.g. 1500ms or 1.5s).", ex);
        }

        return value < TimeSpan.Zero ? throw new FormatException($"{name}: '{text}' is negative.") : value;
    }
}
