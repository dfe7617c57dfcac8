namespace ActorVoice.Retrieval.Ingestion;

/// <summary>
/// Splits Markdown (or plain text) into headings and paragraphs without changing a character,
/// so every block is an exact range of the file. ATX (<c># Title</c>) and setext (underlined)
/// headings are recognised; fenced code blocks and YAML front matter are never read as headings.
/// </summary>
public static class MarkdownStructure
{
    public static StructuredText Parse(string source) => StructuredText.Identity(source, ParseBlocks(source, headings: true));

    /// <summary>Plain text has no heading syntax: paragraphs separated by blank lines.</summary>
    public static StructuredText ParsePlainText(string source) => StructuredText.Identity(source, ParseBlocks(source, headings: false));

    private static List<TextBlock> ParseBlocks(string source, bool headings)
    {
        var lines = SplitLines(source);
        var blocks = new List<TextBlock>();
        var first = headings ? SkipFrontMatter(source, lines) : 0;
        var paragraphStart = -1;
        var paragraphEnd = -1;
        string? fence = null;

        void FlushParagraph()
        {
            if (paragraphStart >= 0)
            {
                blocks.Add(new TextBlock(0, paragraphStart, paragraphEnd));
                paragraphStart = -1;
            }
        }

        for (var i = first; i < lines.Count; i++)
        {
            var (start, end) = lines[i];
            var line = source.AsSpan(start, end - start);
            var trimmed = line.Trim();
            var contentStart = start + (line.Length - line.TrimStart().Length);
            var contentEnd = contentStart + trimmed.Length;

            if (headings && fence is null && IsFenceOpening(trimmed, out var marker))
            {
                fence = marker;
            }
            else if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }
            }
            else if (trimmed.IsEmpty)
            {
                FlushParagraph();
                continue;
            }
            else if (headings && TryAtxHeading(source, start, end, out var heading))
            {
                FlushParagraph();
                if (heading.End > heading.Start)
                {
                    blocks.Add(heading);
                }

                continue;
            }
            else if (headings && paragraphStart >= 0 && IsSetextUnderline(trimmed, out var level) && IsSingleLine(source, paragraphStart, paragraphEnd))
            {
                blocks.Add(new TextBlock(level, paragraphStart, paragraphEnd));
                paragraphStart = -1;
                continue;
            }
            else if (headings && IsThematicBreak(trimmed))
            {
                FlushParagraph();
                continue;
            }

            if (paragraphStart < 0)
            {
                paragraphStart = contentStart;
            }

            paragraphEnd = trimmed.IsEmpty ? paragraphEnd : contentEnd;
        }

        FlushParagraph();
        return blocks;
    }

    /// <summary>Line ranges without their terminators (\n, \r\n or \r).</summary>
    private static List<(int Start, int End)> SplitLines(string source)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] is '\n' or '\r')
            {
                lines.Add((start, i));
                if (source[i] == '\r' && i + 1 < source.Length && source[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < source.Length)
        {
            lines.Add((start, source.Length));
        }

        return lines;
    }

    private static int SkipFrontMatter(string source, List<(int Start, int End)> lines)
    {
        if (lines.Count == 0 || source.AsSpan(lines[0].Start, lines[0].End - lines[0].Start).TrimEnd() is not "---")
        {
            return 0;
        }

        for (var i = 1; i < lines.Count; i++)
        {
            var line = source.AsSpan(lines[i].Start, lines[i].End - lines[i].Start).TrimEnd();
            if (line is "---" or "...")
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static bool IsFenceOpening(ReadOnlySpan<char> trimmed, out string marker)
    {
        if (trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            marker = "```";
            return true;
        }

        if (trimmed.StartsWith("~~~", StringComparison.Ordinal))
        {
            marker = "~~~";
            return true;
        }

        marker = string.Empty;
        return false;
    }

    /// <summary>Recognises "## Title ##" (up to three leading spaces) and returns the title's range.</summary>
    private static bool TryAtxHeading(string source, int lineStart, int lineEnd, out TextBlock heading)
    {
        heading = default;
        var i = lineStart;
        while (i < lineEnd && i - lineStart < 3 && source[i] == ' ')
        {
            i++;
        }

        var hashes = 0;
        while (i + hashes < lineEnd && source[i + hashes] == '#')
        {
            hashes++;
        }

        if (hashes is < 1 or > 6)
        {
            return false;
        }

        var titleStart = i + hashes;
        if (titleStart < lineEnd && !char.IsWhiteSpace(source[titleStart]))
        {
            return false;
        }

        var titleEnd = lineEnd;
        while (titleEnd > titleStart && char.IsWhiteSpace(source[titleEnd - 1]))
        {
            titleEnd--;
        }

        // A closing run of '#' is decoration when separated from the title by a space.
        var closing = titleEnd;
        while (closing > titleStart && source[closing - 1] == '#')
        {
            closing--;
        }

        if (closing < titleEnd && (closing == titleStart || char.IsWhiteSpace(source[closing - 1])))
        {
            titleEnd = closing;
        }

        while (titleStart < titleEnd && char.IsWhiteSpace(source[titleStart]))
        {
            titleStart++;
        }

        while (titleEnd > titleStart && char.IsWhiteSpace(source[titleEnd - 1]))
        {
            titleEnd--;
        }

        heading = new TextBlock(hashes, titleStart, titleEnd);
        return true;
    }

    private static bool IsSetextUnderline(ReadOnlySpan<char> trimmed, out int level)
    {
        level = 0;
        if (trimmed.Length < 2)
        {
            return false;
        }

        var c = trimmed[0];
        if (c is not ('=' or '-'))
        {
            return false;
        }

        foreach (var x in trimmed)
        {
            if (x != c)
            {
                return false;
            }
        }

        level = c == '=' ? 1 : 2;
        return true;
    }

    /// <summary>"---", "***" or "___" on their own line: a rule between paragraphs, not text.</summary>
    private static bool IsThematicBreak(ReadOnlySpan<char> trimmed)
    {
        if (trimmed.Length < 3 || trimmed[0] is not ('-' or '*' or '_'))
        {
            return false;
        }

        var c = trimmed[0];
        var count = 0;
        foreach (var x in trimmed)
        {
            if (x == c)
            {
                count++;
            }
            else if (x != ' ')
            {
                return false;
            }
        }

        return count >= 3;
    }

    private static bool IsSingleLine(string source, int start, int end) =>
        source.AsSpan(start, end - start).IndexOfAny('\n', '\r') < 0;
}
