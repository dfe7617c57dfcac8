using System.Runtime.Versioning;
using NAudio;
using NAudio.Wave;

namespace ActorVoice.Audio.Devices.WinMm;

/// <summary>
/// WinMM playback as a blocking stream: <c>WaveOut</c> pulls from a <see cref="BufferedWaveProvider"/> (silence
/// when empty); <see cref="Write"/> adds to it and waits while more than <see cref="MaxBuffered"/> is queued, so the
/// caller is paced by the device as with PortAudio's blocking writes.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WinMmOutputStream : IAudioOutputStream
{
    private static readonly TimeSpan MaxBuffered = TimeSpan.FromMilliseconds(60);
    private readonly WaveOut _waveOut;
    private readonly BufferedWaveProvider _buffer;
    private readonly int _maxBufferedBytes;
    private byte[] _bytes = [];
    private int _disposed;

    private WinMmOutputStream(WaveOut waveOut, BufferedWaveProvider buffer, int sampleRate)
    {
        _waveOut = waveOut;
        _buffer = buffer;
        SampleRate = sampleRate;
        _maxBufferedBytes = (int)(sampleRate * MaxBuffered.TotalSeconds) * 2;
    }

    public int SampleRate { get; }

    public long Underflows => 0;

    public static WinMmOutputStream Open(AudioDevice device, int deviceNumber, int sampleRate, int framesPerBuffer)
    {
        var buffer = new BufferedWaveProvider(new WaveFormat(sampleRate, 16, 1), TimeSpan.FromSeconds(2)) { DiscardOnBufferOverflow = true };
        var waveOut = new WaveOut
        {
            DeviceNumber = deviceNumber,
            BufferMilliseconds = Math.Max(40, framesPerBuffer * 4000 / sampleRate),
        };
        try
        {
            waveOut.Init(buffer);
            waveOut.Play();
        }
        catch (Exception ex) when (ex is MmException or InvalidOperationException)
        {
            waveOut.Dispose();
            throw new AudioDeviceException($"Device {device.Index} \"{device.Name}\" refused playback at {sampleRate} Hz: {ex.Message}", ex);
        }

        return new WinMmOutputStream(waveOut, buffer, sampleRate);
    }

    public void Write(ReadOnlySpan<short> samples)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        while (_buffer.BufferedBytes > _maxBufferedBytes)
        {
            Thread.Sleep(5);
        }

        var count = samples.Length * 2;
        if (_bytes.Length < count)
        {
            _bytes = new byte[count];
        }

        System.Runtime.InteropServices.MemoryMarshal.AsBytes(samples).CopyTo(_bytes);
        _buffer.AddSamples(_bytes, 0, count);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _waveOut.Stop();
            _waveOut.Dispose();
        }
    }
}
