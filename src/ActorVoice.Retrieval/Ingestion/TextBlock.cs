namespace ActorVoice.Retrieval.Ingestion;

/// <summary>
/// A heading (<see cref="HeadingLevel"/> 1..6) or a body paragraph (level 0) as a range
/// [<see cref="Start"/>, <see cref="End"/>) of <see cref="StructuredText.Plain"/>.
/// </summary>
public readonly record struct TextBlock(int HeadingLevel, int Start, int End)
{
    public bool IsHeading => HeadingLevel > 0;
}
