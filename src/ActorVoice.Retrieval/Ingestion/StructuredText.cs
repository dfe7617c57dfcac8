namespace ActorVoice.Retrieval.Ingestion;

/// <summary>
/// A document reduced to plain text with its headings and paragraphs, plus a map from plain-text
/// positions back to the source file (identity for Markdown and plain text, tag-skipping for HTML).
/// </summary>
public sealed class StructuredText
{
    private readonly int[]? _sourceStart;
    private readonly int[]? _sourceEnd;

    private StructuredText(string source, string plain, int[]? sourceStart, int[]? sourceEnd, IReadOnlyList<TextBlock> blocks)
    {
        Source = source;
        Plain = plain;
        _sourceStart = sourceStart;
        _sourceEnd = sourceEnd;
        Blocks = blocks;
    }

    public string Source { get; }

    public string Plain { get; }

    public IReadOnlyList<TextBlock> Blocks { get; }

    /// <summary>True when <see cref="Plain"/> is the source itself, so chunk text is an exact substring of the file.</summary>
    public bool PlainIsSource => _sourceStart is null;

    /// <summary>Plain text identical to the source (Markdown, .txt).</summary>
    public static StructuredText Identity(string source, IReadOnlyList<TextBlock> blocks) => new(source, source, null, null, blocks);

    /// <summary>Plain text derived from the source; for each plain character, the source range it came from.</summary>
    public static StructuredText Mapped(string source, string plain, int[] sourceStart, int[] sourceEnd, IReadOnlyList<TextBlock> blocks)
    {
        if (sourceStart.Length != plain.Length || sourceEnd.Length != plain.Length)
        {
            throw new ArgumentException("The offset maps must have one entry per plain-text character.");
        }

        return new StructuredText(source, plain, sourceStart, sourceEnd, blocks);
    }

    /// <summary>Source offset where the plain character at <paramref name="plainIndex"/> starts.</summary>
    public int SourceStartOf(int plainIndex) => _sourceStart is null ? plainIndex : _sourceStart[plainIndex];

    /// <summary>Source offset just after the plain range ending (exclusively) at <paramref name="plainEnd"/>.</summary>
    public int SourceEndOf(int plainEnd) => _sourceEnd is null ? plainEnd : _sourceEnd[plainEnd - 1];

    public string TextOf(TextBlock block) => Plain[block.Start..block.End];
}
