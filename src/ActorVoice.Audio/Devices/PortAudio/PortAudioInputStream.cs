using System.Runtime.InteropServices;

namespace ActorVoice.Audio.Devices.PortAudio;

/// <summary>A blocking PortAudio capture stream, read by one thread; several device channels are averaged to mono.</summary>
internal sealed class PortAudioInputStream : IAudioInputStream
{
    private readonly int _channels;
    private readonly Action _release;
    private IntPtr _handle;
    private short[] _interleaved = [];
    private long _overflows;

    private PortAudioInputStream(IntPtr handle, int channels, int sampleRate, Action release)
    {
        _handle = handle;
        _release = release;
        _channels = channels;
        SampleRate = sampleRate;
    }

    public int SampleRate { get; }

    public long Overflows => Interlocked.Read(ref _overflows);

    public static PortAudioInputStream Open(AudioDevice device, int sampleRate, int framesPerBuffer, Action release)
    {
        var (handle, channels) = PortAudioStream.Open(device, AudioDirection.Input, sampleRate, framesPerBuffer);
        return new PortAudioInputStream(handle, channels, sampleRate, release);
    }

    public unsafe void Read(Span<short> samples)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        int error;
        if (_channels == 1)
        {
            fixed (short* buffer = samples)
            {
                error = PortAudioNative.Pa_ReadStream(_handle, buffer, new CULong((uint)samples.Length));
            }
        }
        else
        {
            var needed = samples.Length * _channels;
            if (_interleaved.Length < needed)
            {
                _interleaved = new short[needed];
            }

            fixed (short* buffer = _interleaved)
            {
                error = PortAudioNative.Pa_ReadStream(_handle, buffer, new CULong((uint)samples.Length));
            }

            for (var frame = 0; frame < samples.Length; frame++)
            {
                var sum = 0;
                for (var channel = 0; channel < _channels; channel++)
                {
                    sum += _interleaved[(frame * _channels) + channel];
                }

                samples[frame] = (short)(sum / _channels);
            }
        }

        if (error == PortAudioNative.InputOverflowed)
        {
            // The samples read are valid; some before them were lost. A microphone goes on.
            Interlocked.Increment(ref _overflows);
        }
        else if (error != PortAudioNative.NoError)
        {
            throw new AudioDeviceException("Capture failed: " + PortAudioNative.ErrorText(error));
        }
    }

    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, IntPtr.Zero);
        if (handle != IntPtr.Zero)
        {
            PortAudioStream.Close(handle, abort: true, _release);
        }
    }
}
