namespace ActorVoice.Config;

/// <summary>A path setting whose leading <c>~/</c> stands for the user's home folder.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HomePathAttribute : Attribute;
