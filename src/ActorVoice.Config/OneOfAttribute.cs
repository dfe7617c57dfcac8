namespace ActorVoice.Config;

/// <summary>A text setting that takes one of a few words (compared without regard to case).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OneOfAttribute(params string[] choices) : Attribute
{
    public IReadOnlyList<string> Choices { get; } = choices;
}
