using System.Reflection;
using Akka.Configuration;

namespace ActorVoice.Config;

/// <summary>
/// Loads ActorVoice's HOCON: the reference defaults each module embeds (from <c>hocon/reference/</c>),
/// overlaid by an optional operator file and by command-line overrides.
/// </summary>
public static class HoconConfig
{
    /// <summary>Reads an embedded reference config (e.g. <c>ActorVoice.Engine.reference.conf</c>) from an assembly.</summary>
    public static Akka.Configuration.Config FromResource(Assembly assembly, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded config '{resourceName}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }

    /// <summary>
    /// Combines, highest priority first: <paramref name="overrides"/> (HOCON text), the file at
    /// <paramref name="overrideFile"/> (if given), then the reference configs.
    /// </summary>
    public static Akka.Configuration.Config Compose(string? overrideFile, string? overrides, params Akka.Configuration.Config[] references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var config = ConfigurationFactory.Empty;
        if (!string.IsNullOrWhiteSpace(overrides))
        {
            config = ConfigurationFactory.ParseString(overrides);
        }

        if (!string.IsNullOrWhiteSpace(overrideFile))
        {
            if (!File.Exists(overrideFile))
            {
                throw new FileNotFoundException($"Config file not found: {overrideFile}", overrideFile);
            }

            config = config.WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(overrideFile)));
        }

        foreach (var reference in references)
        {
            config = config.WithFallback(reference);
        }

        return config;
    }
}
