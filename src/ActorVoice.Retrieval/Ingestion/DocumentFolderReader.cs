using System.Security.Cryptography;
using System.Text;

namespace ActorVoice.Retrieval.Ingestion;

/// <summary>Finds .md, .txt and .html files under a folder (recursively) and reads them.</summary>
public static class DocumentFolderReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Lists supported files in a stable (ordinal) order. Hidden files and folders (names starting with '.') are ignored.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<SourceFile> FindFiles(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Documents folder not found: '{root}'.");
        }

        var files = new List<SourceFile>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(directory))
            {
                if (!Path.GetFileName(sub).StartsWith('.'))
                {
                    pending.Push(sub);
                }
            }

            foreach (var path in Directory.EnumerateFiles(directory))
            {
                var name = Path.GetFileName(path);
                if (name.StartsWith('.') || FormatOf(path) is not { } format)
                {
                    continue;
                }

                var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                files.Add(new SourceFile(relative, path, format));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    /// <summary>The format for a file name, or null when the extension is not supported.</summary>
    public static DocumentFormat? FormatOf(string path) =>
        Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".MD" or ".MARKDOWN" => DocumentFormat.Markdown,
            ".TXT" => DocumentFormat.PlainText,
            ".HTML" or ".HTM" => DocumentFormat.Html,
            _ => null,
        };

    /// <summary>Reads and hashes a file; returns a reason instead when it cannot be indexed.</summary>
    public static (LoadedDocument? Document, SkippedFile? Skipped) TryLoad(SourceFile file)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, new SkippedFile(file.RelativePath, $"unreadable: {e.Message}"));
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string text;
        try
        {
            text = Decode(bytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, new SkippedFile(file.RelativePath, "not valid UTF-8 text"));
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return (null, new SkippedFile(file.RelativePath, "binary content (contains NUL characters)"));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, new SkippedFile(file.RelativePath, "empty file"));
        }

        return (new LoadedDocument(file, text, hash), null);
    }

    private static string Decode(byte[] bytes)
    {
        // Offsets count characters after the byte-order mark, as File.ReadAllText would.
        ReadOnlySpan<byte> span = bytes;
        var preamble = Encoding.UTF8.GetPreamble();
        if (span.StartsWith(preamble))
        {
            span = span[preamble.Length..];
        }

        return StrictUtf8.GetString(span);
    }
}
