namespace ActorVoice.Config;

/// <summary>A number's (or, in seconds, a duration's) inclusive bounds.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingRangeAttribute(double minimum, double maximum = double.MaxValue) : Attribute
{
    public double Minimum { get; } = minimum;

    public double Maximum { get; } = maximum;
}
