using System.Text.RegularExpressions;

namespace ActorVoice.LocalServer.Responses;

/// <summary>
/// Splits response text into sentences so that the first one can be synthesised and sent while the rest
/// is still being spoken: first audio comes after one sentence's synthesis, not the whole answer's.
/// </summary>
public static partial class SentenceSplitter
{
    public static IReadOnlyList<string> Split(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var parts = SentenceEnd().Split(text.Trim());
        return parts.Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
    }

    [GeneratedRegex(@"(?<=[.!?;:])\s+|\n+")]
    private static partial Regex SentenceEnd();
}
