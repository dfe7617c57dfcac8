using System.Net;
using System.Text;

namespace ActorVoice.Retrieval.Ingestion;

/// <summary>
/// Turns HTML into plain text: drops tags, comments, scripts, styles and the head; decodes entities;
/// collapses whitespace; makes h1..h6 headings and block elements (p, li, div, td, ...) paragraphs.
/// Every plain character remembers the source range it came from, so chunks keep file offsets.
/// </summary>
public static class HtmlTextExtractor
{
    private static readonly HashSet<string> SkippedElements = new(StringComparer.Ordinal)
    {
        "script", "style", "head", "noscript", "template", "svg", "math", "iframe", "object",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "html", "li", "main", "nav", "ol", "p",
        "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    };

    public static StructuredText Parse(string source)
    {
        var builder = new Builder(source);
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '<')
            {
                i = ReadMarkup(source, i, builder);
            }
            else if (c == '&')
            {
                i = ReadEntity(source, i, builder);
            }
            else
            {
                builder.Append(c, i, i + 1);
                i++;
            }
        }

        builder.EndBlock();
        return builder.Build();
    }

    private static int ReadMarkup(string source, int i, Builder builder)
    {
        if (string.CompareOrdinal(source, i, "<!--", 0, 4) == 0)
        {
            var close = source.IndexOf("-->", i + 4, StringComparison.Ordinal);
            return close < 0 ? source.Length : close + 3;
        }

        var next = i + 1 < source.Length ? source[i + 1] : '\0';
        if (next is '!' or '?')
        {
            var close = source.IndexOf('>', i + 1);
            return close < 0 ? source.Length : close + 1;
        }

        var closing = next == '/';
        var nameStart = closing ? i + 2 : i + 1;
        if (nameStart >= source.Length || !char.IsAsciiLetter(source[nameStart]))
        {
            // A lone '<' in text ("a < b") is text.
            builder.Append('<', i, i + 1);
            return i + 1;
        }

        var nameEnd = nameStart;
        while (nameEnd < source.Length && (char.IsAsciiLetterOrDigit(source[nameEnd]) || source[nameEnd] is '-' or ':'))
        {
            nameEnd++;
        }

        var name = source[nameStart..nameEnd].ToLowerInvariant();
        var tagEnd = FindTagEnd(source, nameEnd);

        if (!closing && SkippedElements.Contains(name) && source[tagEnd - 2] != '/')
        {
            var end = source.IndexOf("</" + name, tagEnd, StringComparison.OrdinalIgnoreCase);
            return end < 0 ? source.Length : FindTagEnd(source, end + 2 + name.Length);
        }

        if (name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6')
        {
            builder.EndBlock();
            if (!closing)
            {
                builder.StartHeading(name[1] - '0');
            }
        }
        else if (name == "br")
        {
            builder.Append('\n', i, tagEnd);
        }
        else if (BlockElements.Contains(name))
        {
            builder.EndBlock();
        }

        return tagEnd;
    }

    /// <summary>Index just after the '>' closing a tag, skipping quoted attribute values.</summary>
    private static int FindTagEnd(string source, int from)
    {
        var quote = '\0';
        for (var j = from; j < source.Length; j++)
        {
            var c = source[j];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return j + 1;
            }
        }

        return source.Length;
    }

    private static int ReadEntity(string source, int i, Builder builder)
    {
        var semicolon = source.IndexOf(';', i + 1, Math.Min(32, source.Length - i - 1));
        if (semicolon > i + 1)
        {
            var entity = source[i..(semicolon + 1)];
            var decoded = WebUtility.HtmlDecode(entity);
            if (!string.Equals(decoded, entity, StringComparison.Ordinal))
            {
                foreach (var d in decoded)
                {
                    builder.Append(d, i, semicolon + 1);
                }

                return semicolon + 1;
            }
        }

        builder.Append('&', i, i + 1);
        return i + 1;
    }

    /// <summary>Accumulates plain text, its source map and blocks; whitespace collapses to one space or line break.</summary>
    private sealed class Builder(string source)
    {
        private readonly StringBuilder _plain = new();
        private readonly List<int> _sourceStart = [];
        private readonly List<int> _sourceEnd = [];
        private readonly List<TextBlock> _blocks = [];
        private int _blockStart = -1;
        private int _headingLevel;
        private int _pendingWhitespaceAt = -1;
        private bool _pendingLineBreak;

        public void Append(char c, int sourceStart, int sourceEnd)
        {
            if (char.IsWhiteSpace(c))
            {
                if (_blockStart >= 0 && _pendingWhitespaceAt < 0)
                {
                    _pendingWhitespaceAt = sourceStart;
                }

                _pendingLineBreak |= c == '\n' && sourceEnd - sourceStart > 1;
                return;
            }

            if (_blockStart < 0)
            {
                if (_plain.Length > 0)
                {
                    Add("\n\n", sourceStart, sourceStart);
                }

                _blockStart = _plain.Length;
            }
            else if (_pendingWhitespaceAt >= 0)
            {
                // Only <br> becomes a line break; newlines in the HTML source are layout.
                Add(_pendingLineBreak && _headingLevel == 0 ? "\n" : " ", _pendingWhitespaceAt, _pendingWhitespaceAt + 1);
            }

            _pendingWhitespaceAt = -1;
            _pendingLineBreak = false;
            Add(c.ToString(), sourceStart, sourceEnd);
        }

        public void StartHeading(int level) => _headingLevel = level;

        public void EndBlock()
        {
            if (_blockStart >= 0)
            {
                _blocks.Add(new TextBlock(_headingLevel, _blockStart, _plain.Length));
            }

            _blockStart = -1;
            _headingLevel = 0;
            _pendingWhitespaceAt = -1;
            _pendingLineBreak = false;
        }

        public StructuredText Build() =>
            StructuredText.Mapped(source, _plain.ToString(), [.. _sourceStart], [.. _sourceEnd], _blocks);

        private void Add(string text, int sourceStart, int sourceEnd)
        {
            foreach (var c in text)
            {
                _plain.Append(c);
                _sourceStart.Add(sourceStart);
                _sourceEnd.Add(sourceEnd);
            }
        }
    }
}
