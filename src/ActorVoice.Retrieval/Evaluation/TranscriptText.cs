using System.Text;

namespace ActorVoice.Retrieval.Evaluation;

/// <summary>Text the way a speech recogniser prints it: lower-case words, no punctuation.</summary>
public static class TranscriptText
{
    /// <summary>Splits into lower-case words; punctuation is dropped, except an apostrophe inside a word ("don't").</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var character = text[i];
            if (char.IsLetterOrDigit(character))
            {
                current.Append(char.ToLowerInvariant(character));
            }
            else if (character is '\'' or '’' && current.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                current.Append('\'');
            }
            else if (current.Length > 0 && !(character is '.' or ',' && i + 1 < text.Length && char.IsDigit(text[i + 1]) && i > 0 && char.IsDigit(text[i - 1])))
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    public static string Normalize(string text)
    {
        return string.Join(' ', Words(text));
    }
}
