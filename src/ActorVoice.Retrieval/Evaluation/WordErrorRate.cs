namespace ActorVoice.Retrieval.Evaluation;

/// <summary>Word-level Levenshtein distance (substitutions + deletions + insertions) between two transcripts.</summary>
public static class WordErrorRate
{
    public static int EditDistance(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(hypothesis);
        var previous = new int[hypothesis.Count + 1];
        var current = new int[hypothesis.Count + 1];
        for (var j = 0; j <= hypothesis.Count; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= reference.Count; i++)
        {
            current[0] = i;
            for (var j = 1; j <= hypothesis.Count; j++)
            {
                var substitution = previous[j - 1] + (string.Equals(reference[i - 1], hypothesis[j - 1], StringComparison.Ordinal) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[hypothesis.Count];
    }

    /// <summary>Total edits over total reference words across many (reference, hypothesis) pairs.</summary>
    public static double Corpus(IEnumerable<(string Reference, string Hypothesis)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        long edits = 0, words = 0;
        foreach (var (reference, hypothesis) in pairs)
        {
            var referenceWords = TranscriptText.Words(reference);
            edits += EditDistance(referenceWords, TranscriptText.Words(hypothesis));
            words += referenceWords.Count;
        }

        return words == 0 ? 0 : (double)edits / words;
    }
}
