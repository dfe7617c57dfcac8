namespace ActorVoice.LocalServer.Transcription;

/// <summary>
/// Turns a streaming recognizer's revisable partial hypotheses into append-only text deltas: a word is sent
/// once it has kept its place for <c>stableUpdates</c> consecutive hypotheses, and never retracted. When the
/// recognizer later revises words already sent, those stay as sent and the words after them (by position) are still
/// sent as they become stable: a partial transcript that stopped growing at the first revision would starve whoever
/// acts on partials (speculative retrieval) for the rest of the utterance. The final transcript (sent separately)
/// stays authoritative.
/// </summary>
public sealed class TranscriptStabilizer
{
    private readonly int _stableUpdates;
    private readonly Queue<string[]> _recent = new();
    private readonly List<string> _emitted = [];

    public TranscriptStabilizer(int stableUpdates)
    {
        _stableUpdates = Math.Max(1, stableUpdates);
    }

    /// <summary>The text sent so far.</summary>
    public string EmittedText => string.Join(' ', _emitted);

    /// <summary>Takes a new partial hypothesis; returns the delta to send, or null.</summary>
    public string? Update(string hypothesis)
    {
        var words = hypothesis.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        _recent.Enqueue(words);
        while (_recent.Count > _stableUpdates)
        {
            _recent.Dequeue();
        }

        if (_recent.Count < _stableUpdates)
        {
            return null;
        }

        // The last word of a hypothesis is still being decoded: never send it before the utterance ends.
        var stable = CommonPrefixLength(_recent);
        stable = Math.Min(stable, Math.Max(0, words.Length - 1));
        return EmitUpTo(words, stable);
    }

    /// <summary>
    /// Sends every word of <paramref name="hypothesis"/> beyond what was sent (by position), the last word included (the
    /// speaker has stopped); returns the delta or null.
    /// </summary>
    public string? Flush(string hypothesis)
    {
        var words = hypothesis.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return EmitUpTo(words, words.Length);
    }

    /// <summary>Sends <paramref name="words"/>[sent..<paramref name="end"/>]: the words after those already sent, by position.</summary>
    private string? EmitUpTo(string[] words, int end)
    {
        if (end <= _emitted.Count)
        {
            return null;
        }

        var added = words[_emitted.Count..end];
        var delta = (_emitted.Count > 0 ? " " : string.Empty) + string.Join(' ', added);
        _emitted.AddRange(added);
        return delta;
    }

    public void Reset()
    {
        _recent.Clear();
        _emitted.Clear();
    }

    private static int CommonPrefixLength(IEnumerable<string[]> hypotheses)
    {
        string[]? first = null;
        var length = int.MaxValue;
        foreach (var h in hypotheses)
        {
            if (first is null)
            {
                first = h;
                length = h.Length;
                continue;
            }

            var n = Math.Min(length, h.Length);
            var i = 0;
            while (i < n && string.Equals(first[i], h[i], StringComparison.Ordinal))
            {
                i++;
            }

            length = i;
        }

        return first is null ? 0 : length;
    }
}
