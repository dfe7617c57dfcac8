using System.Collections.Concurrent;

namespace ActorVoice.Speech.Recognition;

/// <summary>
/// Bounded, thread-safe pool of <see cref="PocketsphinxRecognizer"/>s sharing one <see cref="PocketsphinxOptions"/>.
/// Decoders are created lazily (about 0.6 s each) up to <see cref="MaxSize"/>; when all are rented,
/// <see cref="Rent"/> waits for one to come back. CMN state carries over between utterances, which is harmless.
/// </summary>
public sealed class PocketsphinxRecognizerPool : IRecognizerPool
{
    private readonly ConcurrentBag<PocketsphinxRecognizer> _idle = [];
    private readonly ConcurrentDictionary<PocketsphinxRecognizer, byte> _all = new();
    private readonly SemaphoreSlim _slots;
    private bool _disposed;

    public PocketsphinxRecognizerPool(PocketsphinxOptions options, int maxSize = 4)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSize);
        Options = options;
        MaxSize = maxSize;
        _slots = new SemaphoreSlim(maxSize, maxSize);
    }

    public PocketsphinxOptions Options { get; }

    public int MaxSize { get; }

    /// <summary>Decoders created so far (idle or rented).</summary>
    public int CreatedCount => _all.Count;

    public IStreamingRecognizer Rent() => RentAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public bool TryRent([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IStreamingRecognizer? recognizer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        recognizer = null;
        if (!_slots.Wait(0))
        {
            return false;
        }

        try
        {
            // A free slot: an idle decoder, or (first use, unless prewarmed) a new one.
            recognizer = _idle.TryTake(out var idle) ? idle : Create();
            return true;
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>Waits for a free slot without blocking a thread, then hands out an idle decoder or creates one.</summary>
    public async ValueTask<IStreamingRecognizer> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _idle.TryTake(out var recognizer) ? recognizer : Create();
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    private PocketsphinxRecognizer Create()
    {
        var recognizer = new PocketsphinxRecognizer(Options);
        _all.TryAdd(recognizer, 0);
        return recognizer;
    }

    /// <summary>Creates decoders ahead of time so the first users do not wait for model loading.</summary>
    public void Prewarm(int count)
    {
        var rented = new List<IStreamingRecognizer>();
        try
        {
            for (var i = 0; i < Math.Min(count, MaxSize); i++)
            {
                rented.Add(Rent());
            }
        }
        finally
        {
            rented.ForEach(Return);
        }
    }

    public void Return(IStreamingRecognizer recognizer)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        if (_disposed)
        {
            // The pool already freed every decoder it created.
            recognizer.Dispose();
            return;
        }

        if (recognizer is not PocketsphinxRecognizer pocketsphinx || !_all.ContainsKey(pocketsphinx))
        {
            throw new ArgumentException("The recognizer was not rented from this pool.", nameof(recognizer));
        }

        if (pocketsphinx.IsInUtterance)
        {
            // An abandoned utterance (e.g. a cancelled session) must not leak into the next renter's audio.
            pocketsphinx.EndUtterance();
        }

        _idle.Add(pocketsphinx);
        _slots.Release();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var recognizer in _all.Keys)
        {
            recognizer.Dispose();
        }

        _all.Clear();
        while (_idle.TryTake(out _))
        {
        }

        _slots.Dispose();
    }
}
