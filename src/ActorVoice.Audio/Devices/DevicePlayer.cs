using ActorVoice.Audio.Processing;

namespace ActorVoice.Audio.Devices;

/// <summary>
/// Plays mono PCM16 at a source rate (24 kHz for the wire) on an output device at the device's rate. A thread of its
/// own writes the device in blocking mode: queued audio when there is some, silence otherwise, so the device never
/// starves and <see cref="Clear"/> takes effect at the next chunk (only what the device already buffered still plays).
/// </summary>
public sealed class DevicePlayer : IDisposable
{
    private readonly IAudioOutputStream _stream;
    private readonly int _sourceRate;
    private readonly int _chunkSamples;
    private readonly Lock _gate = new();
    private readonly Queue<short[]> _queue = new();
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private PcmResampler _resampler;
    private short[] _pending = [];
    private int _pendingLength;
    private long _queuedSamples;
    private bool _paused;
    private long _playedSamples;
    private Exception? _failure;

    private DevicePlayer(IAudioOutputStream stream, int sourceRate, TimeSpan chunk)
    {
        _stream = stream;
        _sourceRate = sourceRate;
        _chunkSamples = Math.Max(1, (int)(stream.SampleRate * chunk.TotalSeconds));
        _resampler = new PcmResampler(sourceRate, stream.SampleRate);
        _thread = new Thread(Run) { IsBackground = true, Name = "actorvoice-speaker", Priority = ThreadPriority.AboveNormal };
    }

    /// <summary>The device's rate.</summary>
    public int DeviceRate => _stream.SampleRate;

    /// <summary>Audio (at the device rate) that has been handed to the device since the player started.</summary>
    public long PlayedSamples => Interlocked.Read(ref _playedSamples);

    /// <summary>Audio (at the device rate) queued and not yet handed to the device.</summary>
    public long QueuedSamples => Interlocked.Read(ref _queuedSamples);

    /// <summary>Why the device stopped playing, if it failed.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>Opens <paramref name="device"/> at its own rate and starts writing (silence until audio comes).</summary>
    /// <exception cref="AudioDeviceException">The device refused the stream.</exception>
    public static DevicePlayer Start(IAudioBackend backend, AudioDevice device, int sourceRate, TimeSpan? chunk = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(device);
        var deviceRate = (int)Math.Round(device.DefaultSampleRate);
        var length = chunk ?? TimeSpan.FromMilliseconds(10);
        var stream = backend.OpenOutput(device, deviceRate, Math.Max(1, (int)(deviceRate * length.TotalSeconds)));
        var player = new DevicePlayer(stream, sourceRate, length);
        player._thread.Start();
        return player;
    }

    /// <summary>Queues audio at the source rate behind what is queued.</summary>
    public void Enqueue(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return;
        }

        lock (_gate)
        {
            var converted = _resampler.Process(samples);
            var offset = 0;
            while (offset < converted.Length)
            {
                if (_pending.Length == 0)
                {
                    _pending = new short[_chunkSamples];
                    _pendingLength = 0;
                }

                var take = Math.Min(_chunkSamples - _pendingLength, converted.Length - offset);
                converted.AsSpan(offset, take).CopyTo(_pending.AsSpan(_pendingLength));
                _pendingLength += take;
                offset += take;
                if (_pendingLength == _chunkSamples)
                {
                    _queue.Enqueue(_pending);
                    _pending = [];
                }
            }

            Interlocked.Add(ref _queuedSamples, converted.Length);
        }
    }

    /// <summary>Queues the partial chunk still being filled: the end of an answer should not wait for more audio.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_pending.Length > 0 && _pendingLength > 0)
            {
                // The rest of the chunk is zero: silence after the last sample.
                _queue.Enqueue(_pending);
                _pending = [];
            }
        }
    }

    /// <summary>
    /// Paused: the device plays silence at once (after the chunk it is writing) and the queue is kept; unpaused, it
    /// plays on from there. <see cref="Clear"/> still drops the queue.
    /// </summary>
    public bool Paused
    {
        get
        {
            lock (_gate)
            {
                return _paused;
            }
        }

        set
        {
            lock (_gate)
            {
                _paused = value;
            }
        }
    }

    /// <summary>Drops everything queued at once, and the resampler's state with it (the next audio starts clean).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            _pending = [];
            _pendingLength = 0;
            _resampler = new PcmResampler(_sourceRate, _stream.SampleRate);
            Interlocked.Exchange(ref _queuedSamples, 0);
        }
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(2));
        _stream.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        var silence = new short[_chunkSamples];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                short[]? chunk = null;
                lock (_gate)
                {
                    if (!_paused)
                    {
                        _queue.TryDequeue(out chunk);
                    }
                }

                _stream.Write(chunk ?? silence);
                if (chunk is not null)
                {
                    Interlocked.Add(ref _queuedSamples, -Math.Min(chunk.Length, Interlocked.Read(ref _queuedSamples)));
                    Interlocked.Add(ref _playedSamples, chunk.Length);
                }
            }
        }
        catch (AudioDeviceException ex)
        {
            Volatile.Write(ref _failure, ex);
        }
    }
}
