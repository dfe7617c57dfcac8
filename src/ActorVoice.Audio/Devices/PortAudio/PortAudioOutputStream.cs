using System.Runtime.InteropServices;

namespace ActorVoice.Audio.Devices.PortAudio;

/// <summary>A blocking PortAudio playback stream, written by one thread; mono is copied to every device channel.</summary>
internal sealed class PortAudioOutputStream : IAudioOutputStream
{
    private readonly int _channels;
    private readonly Action _release;
    private IntPtr _handle;
    private short[] _interleaved = [];
    private long _underflows;

    private PortAudioOutputStream(IntPtr handle, int channels, int sampleRate, Action release)
    {
        _handle = handle;
        _release = release;
        _channels = channels;
        SampleRate = sampleRate;
    }

    public int SampleRate { get; }

    public long Underflows => Interlocked.Read(ref _underflows);

    public static PortAudioOutputStream Open(AudioDevice device, int sampleRate, int framesPerBuffer, Action release)
    {
        var (handle, channels) = PortAudioStream.Open(device, AudioDirection.Output, sampleRate, framesPerBuffer);
        return new PortAudioOutputStream(handle, channels, sampleRate, release);
    }

    public unsafe void Write(ReadOnlySpan<short> samples)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        int error;
        if (_channels == 1)
        {
            fixed (short* buffer = samples)
            {
                error = PortAudioNative.Pa_WriteStream(_handle, buffer, new CULong((uint)samples.Length));
            }
        }
        else
        {
            var needed = samples.Length * _channels;
            if (_interleaved.Length < needed)
            {
                _interleaved = new short[needed];
            }

            for (var frame = 0; frame < samples.Length; frame++)
            {
                _interleaved.AsSpan(frame * _channels, _channels).Fill(samples[frame]);
            }

            fixed (short* buffer = _interleaved)
            {
                error = PortAudioNative.Pa_WriteStream(_handle, buffer, new CULong((uint)samples.Length));
            }
        }

        if (error == PortAudioNative.OutputUnderflowed)
        {
            // Written fine; the device had played silence before it. Playback goes on.
            Interlocked.Increment(ref _underflows);
        }
        else if (error != PortAudioNative.NoError)
        {
            throw new AudioDeviceException("Playback failed: " + PortAudioNative.ErrorText(error));
        }
    }

    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, IntPtr.Zero);
        if (handle != IntPtr.Zero)
        {
            // Stop rather than abort: what was written plays out (PortAudio waits for the buffer to drain).
            PortAudioStream.Close(handle, abort: false, _release);
        }
    }
}
