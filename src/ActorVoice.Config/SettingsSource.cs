using System.Reflection;
using Akka.Configuration;

namespace ActorVoice.Config;

/// <summary>
/// A module's settings type and its embedded reference config: the config is parsed once, the reference settings are
/// read once, and <see cref="Read"/> reads a composed config with the reference behind it.
/// </summary>
/// <typeparam name="T">The typed settings record, read by <see cref="SettingsBinder"/>.</typeparam>
public sealed class SettingsSource<T>
    where T : class
{
    private readonly string _section;
    private readonly Lazy<T> _reference;

    /// <param name="assembly">The assembly that embeds the reference config.</param>
    /// <param name="resourceName">Its logical name, e.g. <c>ActorVoice.Engine.reference.conf</c>.</param>
    /// <param name="section">The section the settings are read from, e.g. <c>actorvoice.engine</c>.</param>
    public SettingsSource(Assembly assembly, string resourceName, string section)
    {
        _section = section;
        ReferenceConfig = HoconConfig.FromResource(assembly, resourceName);
        _reference = new Lazy<T>(() => Read(ConfigurationFactory.Empty));
    }

    /// <summary>The embedded reference config: every default, documented.</summary>
    public Akka.Configuration.Config ReferenceConfig { get; }

    /// <summary>The settings of the reference config alone.</summary>
    public T Reference => _reference.Value;

    /// <summary>Reads the section of <paramref name="root"/>, falling back to the reference config.</summary>
    /// <exception cref="InvalidSettingException">A value is malformed or out of range; the message names its key.</exception>
    public T Read(Akka.Configuration.Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return SettingsBinder.Bind<T>(root.WithFallback(ReferenceConfig), _section);
    }
}
