using ActorVoice.Text.Normalization;

namespace ActorVoice.Evaluation.WordErrors;

/// <summary>
/// Word error rate: Levenshtein distance over the words a recogniser would print
/// (<see cref="TextNormalizer.TranscriptWords"/>), divided by the number of reference words.
/// </summary>
public static class WordErrorRate
{
    /// <summary>Counts substitutions, deletions and insertions of <paramref name="hypothesis"/> against <paramref name="reference"/>.</summary>
    public static WordErrorCount Compute(string reference, string hypothesis) =>
        Compute(TextNormalizer.TranscriptWords(reference), TextNormalizer.TranscriptWords(hypothesis));

    /// <summary>Total errors over total reference words across many (reference, hypothesis) pairs.</summary>
    public static double Corpus(IEnumerable<(string Reference, string Hypothesis)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var total = pairs.Aggregate(WordErrorCount.Zero, (sum, pair) => sum + Compute(pair.Reference, pair.Hypothesis));
        return total.ReferenceWords == 0 ? 0 : (double)total.Errors / total.ReferenceWords;
    }

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
