using System.Text;

namespace ActorVoice.Speech.Evaluation;

/// <summary>
/// Word error rate: Levenshtein distance over normalised words (lower case, punctuation stripped, numbers kept
/// as written), divided by the number of reference words.
/// </summary>
public static class WordErrorRate
{
    /// <summary>Lower-cases, turns punctuation into word breaks (keeping apostrophes inside words) and splits.</summary>
    public static IReadOnlyList<string> Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '’' && i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]))
            {
                builder.Append('\'');
            }
            else
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Counts substitutions, deletions and insertions of <paramref name="hypothesis"/> against <paramref name="reference"/>.</summary>
    public static WordErrorCount Compute(string reference, string hypothesis) =>
        Compute(Normalize(reference), Normalize(hypothesis));

    public static WordErrorCount Compute(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(hypothesis);
        var rows = reference.Count + 1;
        var cols = hypothesis.Count + 1;

        // cost[i, j] = edits turning reference[..i] into hypothesis[..j]; ops tracks the cheapest path's mix.
        var cost = new int[rows, cols];
        var subs = new int[rows, cols];
        var dels = new int[rows, cols];
        var ins = new int[rows, cols];
        for (var i = 1; i < rows; i++)
        {
            cost[i, 0] = i;
            dels[i, 0] = i;
        }

        for (var j = 1; j < cols; j++)
        {
            cost[0, j] = j;
            ins[0, j] = j;
        }

        for (var i = 1; i < rows; i++)
        {
            for (var j = 1; j < cols; j++)
            {
                var same = string.Equals(reference[i - 1], hypothesis[j - 1], StringComparison.Ordinal);
                var diagonal = cost[i - 1, j - 1] + (same ? 0 : 1);
                var deletion = cost[i - 1, j] + 1;
                var insertion = cost[i, j - 1] + 1;
                if (diagonal <= deletion && diagonal <= insertion)
                {
                    cost[i, j] = diagonal;
                    subs[i, j] = subs[i - 1, j - 1] + (same ? 0 : 1);
                    dels[i, j] = dels[i - 1, j - 1];
                    ins[i, j] = ins[i - 1, j - 1];
                }
                else if (deletion <= insertion)
                {
                    cost[i, j] = deletion;
                    subs[i, j] = subs[i - 1, j];
                    dels[i, j] = dels[i - 1, j] + 1;
                    ins[i, j] = ins[i - 1, j];
                }
                else
                {
                    cost[i, j] = insertion;
                    subs[i, j] = subs[i, j - 1];
                    dels[i, j] = dels[i, j - 1];
                    ins[i, j] = ins[i, j - 1] + 1;
                }
            }
        }

        var last = (rows - 1, cols - 1);
        return new WordErrorCount(subs[last.Item1, last.Item2], dels[last.Item1, last.Item2], ins[last.Item1, last.Item2], reference.Count);
    }
}
