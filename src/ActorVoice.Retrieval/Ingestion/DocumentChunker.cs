using ActorVoice.Retrieval.Search;

namespace ActorVoice.Retrieval.Ingestion;

/// <summary>
/// Cuts a structured document into chunks of about <c>targetChars</c>: one section (the paragraphs under one
/// heading path) never spills into the next; inside a section, a chunk ends at the last paragraph break before the
/// limit, else a line break, a sentence end, a space, or (last resort) the limit itself. The next chunk starts about
/// <c>overlapChars</c> earlier, at a sentence or word start.
/// </summary>
public sealed class DocumentChunker
{
    private const string HeadingSeparator = " > ";

    private readonly int _targetChars;
    private readonly int _overlapChars;

    public DocumentChunker(int targetChars, int overlapChars)
    {
        new RetrievalOptions { ChunkTargetChars = targetChars, ChunkOverlapChars = overlapChars }.Validate();
        _targetChars = targetChars;
        _overlapChars = overlapChars;
    }

    public static StructuredText Structure(string text, DocumentFormat format) => format switch
    {
        DocumentFormat.Markdown => MarkdownStructure.Parse(text),
        DocumentFormat.Html => HtmlTextExtractor.Parse(text),
        _ => MarkdownStructure.ParsePlainText(text),
    };

    public IReadOnlyList<DocumentChunk> Chunk(string documentPath, string text, DocumentFormat format) =>
        Chunk(documentPath, Structure(text, format));

    public IReadOnlyList<DocumentChunk> Chunk(string documentPath, StructuredText structured)
    {
        var chunks = new List<DocumentChunk>();
        var headings = new string?[7];
        var section = new List<TextBlock>();

        foreach (var block in structured.Blocks)
        {
            if (block.IsHeading)
            {
                ChunkSection(documentPath, structured, section, HeadingPath(headings), chunks);
                section.Clear();
                headings[block.HeadingLevel] = CleanHeading(structured.TextOf(block));
                for (var level = block.HeadingLevel + 1; level < headings.Length; level++)
                {
                    headings[level] = null;
                }
            }
            else
            {
                section.Add(block);
            }
        }

        ChunkSection(documentPath, structured, section, HeadingPath(headings), chunks);
        return chunks;
    }

    private static string HeadingPath(string?[] headings) =>
        string.Join(HeadingSeparator, headings.Where(h => !string.IsNullOrEmpty(h)));

    /// <summary>Drops inline Markdown emphasis and code marks from a heading so the path reads naturally.</summary>
    private static string CleanHeading(string heading)
    {
        var cleaned = heading.Replace("**", string.Empty, StringComparison.Ordinal)
            .Replace("__", string.Empty, StringComparison.Ordinal)
            .Replace("`", string.Empty, StringComparison.Ordinal)
            .Replace(HeadingSeparator, " - ", StringComparison.Ordinal);
        return string.Join(' ', cleaned.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private void ChunkSection(string documentPath, StructuredText structured, List<TextBlock> section, string headingPath, List<DocumentChunk> chunks)
    {
        if (section.Count == 0)
        {
            return;
        }

        var plain = structured.Plain;
        var sectionEnd = TrimEnd(plain, section[0].Start, section[^1].End);
        var start = SkipWhitespace(plain, section[0].Start, sectionEnd);
        while (start < sectionEnd)
        {
            int end;
            if (sectionEnd - start <= _targetChars)
            {
                end = sectionEnd;
            }
            else
            {
                end = TrimEnd(plain, start, FindBreak(plain, section, start, start + _targetChars));
            }

            chunks.Add(MakeChunk(documentPath, structured, chunks.Count, headingPath, start, end));
            if (end >= sectionEnd)
            {
                break;
            }

            start = SkipWhitespace(plain, NextStart(plain, start, end), sectionEnd);
        }
    }

    private static DocumentChunk MakeChunk(string documentPath, StructuredText structured, int index, string headingPath, int start, int end)
    {
        var sourceStart = structured.SourceStartOf(start);
        var sourceEnd = structured.SourceEndOf(end);
        var text = structured.PlainIsSource ? structured.Source[sourceStart..sourceEnd] : structured.Plain[start..end];
        return new DocumentChunk(documentPath, index, headingPath, text, sourceStart, sourceEnd);
    }

    /// <summary>Best end in (start + target/2, limit]: paragraph break, line break, sentence end, space, else the limit.</summary>
    private static int FindBreak(string plain, List<TextBlock> section, int start, int limit)
    {
        var earliest = start + ((limit - start) / 2);

        for (var b = section.Count - 1; b >= 0; b--)
        {
            var blockEnd = section[b].End;
            if (blockEnd <= limit && blockEnd > earliest)
            {
                return blockEnd;
            }
        }

        var lineBreak = plain.LastIndexOf('\n', limit - 1, limit - earliest);
        if (lineBreak > earliest)
        {
            return lineBreak;
        }

        for (var i = limit; i > earliest; i--)
        {
            if (IsSentenceEnd(plain, i))
            {
                return i;
            }
        }

        for (var i = limit; i > earliest; i--)
        {
            if (char.IsWhiteSpace(plain[i]))
            {
                return i;
            }
        }

        // No space in half a chunk: cut, but never between the halves of a surrogate pair.
        return char.IsLowSurrogate(plain[limit]) ? limit - 1 : limit;
    }

    /// <summary>Start of the next chunk: the first sentence start, else word start, at or after end - overlap.</summary>
    private int NextStart(string plain, int start, int end)
    {
        if (_overlapChars == 0)
        {
            return end;
        }

        var from = Math.Max(start + 1, end - _overlapChars);
        for (var i = from; i < end; i++)
        {
            if (IsSentenceEnd(plain, i) && i + 1 < end)
            {
                return i + 1;
            }
        }

        for (var i = from; i < end; i++)
        {
            if (!char.IsWhiteSpace(plain[i]) && char.IsWhiteSpace(plain[i - 1]))
            {
                return i;
            }
        }

        return end;
    }

    /// <summary>True when position <paramref name="i"/> follows ".", "!" or "?" (maybe a closing quote) and whitespace comes next.</summary>
    private static bool IsSentenceEnd(string plain, int i)
    {
        if (i <= 0 || i >= plain.Length || !char.IsWhiteSpace(plain[i]))
        {
            return false;
        }

        var j = i - 1;
        if (plain[j] is '"' or '\'' or ')' or '\u201D' or '\u2019' && j > 0)
        {
            j--;
        }

        return plain[j] is '.' or '!' or '?';
    }

    private static int SkipWhitespace(string text, int i, int end)
    {
        while (i < end && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }
}
