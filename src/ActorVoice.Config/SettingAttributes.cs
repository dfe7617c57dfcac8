namespace ActorVoice.Config;

/// <summary>The HOCON key of a settings property when it is not the property's name in kebab case.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingKeyAttribute(string key) : Attribute
{
    public string Key { get; } = key;
}

/// <summary>A number's (or, in seconds, a duration's) inclusive bounds.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingRangeAttribute(double minimum, double maximum = double.MaxValue) : Attribute
{
    public double Minimum { get; } = minimum;

    public double Maximum { get; } = maximum;
}

/// <summary>A number or duration that must be above zero (timeouts, sizes, counts).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PositiveAttribute : Attribute;

/// <summary>A text setting that takes one of a few words (compared without regard to case).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OneOfAttribute(params string[] choices) : Attribute
{
    public IReadOnlyList<string> Choices { get; } = choices;
}

/// <summary>A path setting whose leading <c>~/</c> stands for the user's home folder.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HomePathAttribute : Attribute;
