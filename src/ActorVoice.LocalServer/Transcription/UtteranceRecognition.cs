using ActorVoice.Audio.Processing;
using ActorVoice.Speech.Recognition;

namespace ActorVoice.LocalServer.Transcription;

/// <summary>
/// The streaming recognition of one user turn: a rented decoder fed 16 kHz audio as it arrives, and the
/// stabilizer that turns its partial hypotheses into transcription deltas.
/// </summary>
internal sealed class UtteranceRecognition : IDisposable
{
    private readonly IRecognizerPool _pool;
    private readonly IStreamingRecognizer _recognizer;
    private readonly PcmResampler _resampler;
    private readonly TranscriptStabilizer _stabilizer;
    private bool _ended;
    private string _lastHypothesis = string.Empty;

    public UtteranceRecognition(IRecognizerPool pool, int inputRate, int stableUpdates)
    {
        _pool = pool;
        _recognizer = pool.Rent();
        _resampler = new PcmResampler(inputRate, _recognizer.SampleRate);
        _stabilizer = new TranscriptStabilizer(stableUpdates);
        _recognizer.StartUtterance();
    }

    /// <summary>Feeds audio at the session's internal rate; returns a delta to send, or null.</summary>
    public string? Feed(ReadOnlySpan<short> samples)
    {
        var resampled = _resampler.Process(samples);
        if (resampled.Length == 0)
        {
            return null;
        }

        // Every decoder update counts, changed or not: stability is measured in audio time, not in revisions.
        var hypothesis = _recognizer.Process(resampled);
        _lastHypothesis = hypothesis;
        return _stabilizer.Update(hypothesis);
    }

    /// <summary>Sends the rest of the current hypothesis (last word included) when it extends what was sent; null otherwise.</summary>
    public string? FlushPartial() => _stabilizer.Flush(_lastHypothesis);

    /// <summary>Ends the utterance: the final transcript and the delta that completes what was already sent (if it still fits).</summary>
    public (string Transcript, string? RemainingDelta) Finish()
    {
        _ended = true;
        var transcript = _recognizer.EndUtterance().Trim();
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

    public void Dispose()
    {
        if (!_ended)
        {
            try
            {
                _recognizer.EndUtterance();
            }
            catch (InvalidOperationException)
            {
                // The decoder is returned to the pool either way; a failed end only loses this utterance.
            }
        }

        _pool.Return(_recognizer);
    }
}
