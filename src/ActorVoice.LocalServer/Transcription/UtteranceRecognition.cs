using ActorVoice.Speech.Recognition;
using ActorVoice.Speech.Streaming;

namespace ActorVoice.LocalServer.Transcription;

/// <summary>
/// The streaming recognition of one user turn: an <see cref="UtteranceDecoder"/> (the same utterance handling as the
/// engine's shadow recognizer) fed audio as it arrives, and the stabilizer that turns its partial hypotheses into
/// append-only transcription deltas. Decoding is CPU work and renting may wait for a decoder: callers run it off their
/// session's loop (see <c>UtteranceWorker</c>).
/// </summary>
internal sealed class UtteranceRecognition : IDisposable
{
    private readonly UtteranceDecoder _decoder;
    private readonly TranscriptStabilizer _stabilizer;

    public UtteranceRecognition(IRecognizerPool pool, int inputRate, int stableUpdates)
        : this(UtteranceDecoder.Start(pool, inputRate), stableUpdates)
    {
    }

    private UtteranceRecognition(UtteranceDecoder decoder, int stableUpdates)
    {
        _decoder = decoder;
        _stabilizer = new TranscriptStabilizer(stableUpdates);
    }

    /// <summary>Starts recognition on a decoder from the shared pool, waiting for one without blocking a thread.</summary>
    public static async ValueTask<UtteranceRecognition> StartAsync(IRecognizerPool pool, int inputRate, int stableUpdates, CancellationToken cancellationToken) =>
        new(await UtteranceDecoder.StartAsync(pool, inputRate, cancellationToken).ConfigureAwait(false), stableUpdates);

    /// <summary>Starts recognition only when a decoder of the shared pool is free now; never waits.</summary>
    public static bool TryStart(IRecognizerPool pool, int inputRate, int stableUpdates, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UtteranceRecognition? recognition)
    {
        recognition = UtteranceDecoder.TryStart(pool, inputRate, out var decoder) ? new UtteranceRecognition(decoder, stableUpdates) : null;
        return recognition is not null;
    }

    /// <summary>Feeds audio at the session's internal rate; returns a delta to send, or null.</summary>
    public string? Feed(ReadOnlySpan<short> samples)
    {
        // Every decoder update counts, changed or not: stability is measured in audio time, not in revisions.
        var hypothesis = _decoder.Feed(samples);
        return hypothesis is null ? null : _stabilizer.Update(hypothesis);
    }

    /// <summary>Sends the rest of the current hypothesis (last word included) when it extends what was sent; null otherwise.</summary>
    public string? FlushPartial() => _stabilizer.Flush(_decoder.Hypothesis);

    /// <summary>Ends the utterance: the final transcript and the delta that completes what was already sent (if it still fits).</summary>
    public (string Transcript, string? RemainingDelta) Finish()
    {
        var transcript = _decoder.End();
        var emitted = _stabilizer.EmittedText;
        string? remaining = null;
        if (emitted.Length == 0)
        {
            remaining = transcript.Length > 0 ? transcript : null;
        }
        else if (transcript.StartsWith(emitted, StringComparison.Ordinal) && transcript.Length > emitted.Length)
        {
            remaining = transcript[emitted.Length..];
        }

        return (transcript, remaining);
    }

    public void Dispose() => _decoder.Dispose();
}
