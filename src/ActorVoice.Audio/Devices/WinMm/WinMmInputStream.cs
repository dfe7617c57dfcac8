using System.Collections.Concurrent;
using System.Runtime.Versioning;
using NAudio;
using NAudio.Wave;

namespace ActorVoice.Audio.Devices.WinMm;

/// <summary>
/// WinMM capture as a blocking stream: <c>WaveIn</c> hands buffers to an event on its own thread; they are queued
/// (bounded: the oldest go when the reader lags) and <see cref="Read"/> takes them.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WinMmInputStream : IAudioInputStream
{
    private const int MaxQueuedBuffers = 100;
    private readonly WaveIn _waveIn;
    private readonly BlockingCollection<short[]> _buffers = new(new ConcurrentQueue<short[]>());
    private short[] _current = [];
    private int _position;
    private long _overflows;
    private volatile Exception? _failure;
    private int _disposed;

    private WinMmInputStream(WaveIn waveIn, int sampleRate)
    {
        _waveIn = waveIn;
        SampleRate = sampleRate;
        _waveIn.DataAvailable += OnData;
        _waveIn.RecordingStopped += OnStopped;
    }

    public int SampleRate { get; }

    public long Overflows => Interlocked.Read(ref _overflows);

    public static WinMmInputStream Open(AudioDevice device, int deviceNumber, int sampleRate, int framesPerBuffer)
    {
        var waveIn = new WaveIn
        {
            DeviceNumber = deviceNumber,
            WaveFormat = new WaveFormat(sampleRate, 16, 1),
            BufferMilliseconds = Math.Max(10, framesPerBuffer * 1000 / sampleRate),
        };
        var stream = new WinMmInputStream(waveIn, sampleRate);
        try
        {
            waveIn.StartRecording();
        }
        catch (Exception ex) when (ex is MmException or InvalidOperationException)
        {
            stream.Dispose();
            throw new AudioDeviceException($"Device {device.Index} \"{device.Name}\" refused capture at {sampleRate} Hz: {ex.Message}", ex);
        }

        return stream;
    }

    public void Read(Span<short> samples)
    {
        var filled = 0;
        while (filled < samples.Length)
        {
            if (_position == _current.Length)
            {
                if (_failure is { } failure)
                {
                    throw new AudioDeviceException("Capture failed: " + failure.Message, failure);
                }

                _current = _buffers.Take();
                _position = 0;
            }

            var take = Math.Min(samples.Length - filled, _current.Length - _position);
            _current.AsSpan(_position, take).CopyTo(samples[filled..]);
            filled += take;
            _position += take;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _waveIn.DataAvailable -= OnData;
            _waveIn.StopRecording();
            _waveIn.Dispose();
            _buffers.Dispose();
        }
    }

    private void OnData(object? sender, WaveInEventArgs e)
    {
        var samples = new short[e.BytesRecorded / 2];
        Buffer.BlockCopy(e.Buffer, 0, samples, 0, samples.Length * 2);
        while (_buffers.Count >= MaxQueuedBuffers && _buffers.TryTake(out _))
        {
            Interlocked.Increment(ref _overflows);
        }

        _buffers.Add(samples);
    }

    private void OnStopped(object? sender, StoppedEventArgs e)
    {
        if (e.Exception is not null && _disposed == 0)
        {
            _failure = e.Exception;
            // Wake a reader waiting in Take: an empty buffer makes it look at the failure.
            _buffers.Add([]);
        }
    }
}
