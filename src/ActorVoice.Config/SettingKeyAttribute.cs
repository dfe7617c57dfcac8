namespace ActorVoice.Config;

/// <summary>The HOCON key of a settings property when it is not the property's name in kebab case.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingKeyAttribute(string key) : Attribute
{
    public string Key { get; } = key;
}
