using System.Diagnostics.CodeAnalysis;
using ActorVoice.Audio.Processing;
using ActorVoice.Speech.Recognition;

namespace ActorVoice.Speech.Streaming;

/// <summary>
/// One utterance through a pooled streaming decoder: rents it, feeds it audio at the caller's rate (resampled to the
/// decoder's), keeps the latest partial hypothesis, ends the utterance for the final text, and hands the decoder back to
/// the pool however the utterance ends. The engine's shadow recognizer stage and the local server's transcription both
/// decode through this class, so utterance handling cannot drift between them. Not thread-safe: one owner at a time.
/// </summary>
public sealed class UtteranceDecoder : IDisposable
{
    private readonly IRecognizerPool _pool;
    private readonly PcmResampler _resampler;
    private IStreamingRecognizer? _recognizer;

    private UtteranceDecoder(IRecognizerPool pool, IStreamingRecognizer recognizer, int inputRate)
    {
        _pool = pool;
        _recognizer = recognizer;
        try
        {
            _resampler = new PcmResampler(inputRate, recognizer.SampleRate);
            recognizer.StartUtterance();
        }
        catch
        {
            pool.Return(recognizer);
            throw;
        }
    }

    /// <summary>The latest partial hypothesis, trimmed ("" before the decoder has heard anything).</summary>
    public string Hypothesis { get; private set; } = string.Empty;

    /// <summary>False once <see cref="End"/> or <see cref="Dispose"/> gave the decoder back.</summary>
    public bool IsOpen => _recognizer is not null;

    /// <summary>Starts an utterance on a decoder from <paramref name="pool"/>, waiting for one when all are rented.</summary>
    public static UtteranceDecoder Start(IRecognizerPool pool, int inputRate)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return new UtteranceDecoder(pool, pool.Rent(), inputRate);
    }

    /// <summary>Starts an utterance on a decoder from <paramref name="pool"/>, waiting for one asynchronously (no thread blocked).</summary>
    public static async ValueTask<UtteranceDecoder> StartAsync(IRecognizerPool pool, int inputRate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return new UtteranceDecoder(pool, await pool.RentAsync(cancellationToken).ConfigureAwait(false), inputRate);
    }

    /// <summary>Starts an utterance only when a decoder is free now; never waits.</summary>
    public static bool TryStart(IRecognizerPool pool, int inputRate, [NotNullWhen(true)] out UtteranceDecoder? decoder)
    {
        ArgumentNullException.ThrowIfNull(pool);
        decoder = pool.TryRent(out var recognizer) ? new UtteranceDecoder(pool, recognizer, inputRate) : null;
        return decoder is not null;
    }

    /// <summary>
    /// Decodes more audio (mono PCM16 at the input rate). Returns the partial hypothesis after this update, or null when
    /// the resampler kept every sample back and the decoder did not run.
    /// </summary>
    public string? Feed(ReadOnlySpan<short> samples)
    {
        var recognizer = _recognizer ?? throw new InvalidOperationException("The utterance has ended.");
        var resampled = _resampler.Process(samples);
        if (resampled.Length == 0)
        {
            return null;
        }

        Hypothesis = recognizer.Process(resampled).Trim();
        return Hypothesis;
    }

    /// <summary>Ends the utterance and returns the final hypothesis (trimmed); the decoder goes back to the pool.</summary>
    public string End()
    {
        var recognizer = _recognizer ?? throw new InvalidOperationException("The utterance has ended.");
        _recognizer = null;
        try
        {
            return recognizer.EndUtterance().Trim();
        }
        finally
        {
            _pool.Return(recognizer);
        }
    }

    /// <summary>Abandons an utterance that did not end: nobody waits for its final, but the decoder goes back.</summary>
    public void Dispose()
    {
        if (_recognizer is null)
        {
            return;
        }

        try
        {
            End();
        }
        catch (InvalidOperationException)
        {
            // The decoder went back to the pool anyway; a failed end only loses this utterance.
        }
    }
}
