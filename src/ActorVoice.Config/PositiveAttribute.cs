namespace ActorVoice.Config;

/// <summary>A number or duration that must be above zero (timeouts, sizes, counts).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PositiveAttribute : Attribute;
