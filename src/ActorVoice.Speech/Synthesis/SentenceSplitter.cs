using System.Text.RegularExpressions;

namespace ActorVoice.Speech.Synthesis;

/// <summary>Splits text into sentences for incremental synthesis: at . ! ? ; : or line breaks followed by space.</summary>
public static partial class SentenceSplitter
{
    public static IEnumerable<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var part in Boundary().Split(text))
        {
            var trimmed = part.Trim();
            // Pure punctuation (e.g. "...") makes flite say nothing at best; skip it.
            if (trimmed.Any(char.IsLetterOrDigit))
            {
                yield return trimmed;
            }
        }
    }

    // After sentence punctuation followed by whitespace, or at blank lines / list items.
    [GeneratedRegex(@"(?<=[.!?;:])\s+|\n\s*\n|\n\s*[-*]\s+")]
    private static partial Regex Boundary();
}
