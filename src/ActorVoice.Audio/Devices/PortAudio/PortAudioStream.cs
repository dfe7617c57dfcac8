using System.Runtime.InteropServices;

namespace ActorVoice.Audio.Devices.PortAudio;

/// <summary>
/// Opens a blocking-mode PortAudio stream (no callback): mono when the device accepts it, else the fewest channels it
/// takes (mixed down or copied by the stream classes). Playback latency is the device's low default, at least
/// <see cref="MinimumOutputLatency"/> so a loaded machine does not starve it (and a stop stays quick). Capture gets a
/// deeper buffer, <see cref="MinimumInputLatency"/>: a blocking read returns as soon as a block is there, so the
/// buffer adds no delay, but it rides out a reading thread that was not scheduled for a while (a GC, a loaded
/// machine at start-up) without losing the first words of a question.
/// </summary>
internal static class PortAudioStream
{
    public static readonly TimeSpan MinimumOutputLatency = TimeSpan.FromMilliseconds(40);
    public static readonly TimeSpan MinimumInputLatency = TimeSpan.FromMilliseconds(500);

    public static (IntPtr Handle, int Channels) Open(AudioDevice device, AudioDirection direction, int sampleRate, int framesPerBuffer)
    {
        lock (PortAudioBackend.Gate)
        {
            return OpenLocked(device, direction, sampleRate, framesPerBuffer);
        }
    }

    /// <summary>Stops (plays out what is queued, for output) and closes; errors are ignored: the stream is going away.</summary>
    public static void Close(IntPtr handle, bool abort, Action release)
    {
        lock (PortAudioBackend.Gate)
        {
            _ = abort ? PortAudioNative.Pa_AbortStream(handle) : PortAudioNative.Pa_StopStream(handle);
            _ = PortAudioNative.Pa_CloseStream(handle);
            release();
        }
    }

    private static unsafe (IntPtr Handle, int Channels) OpenLocked(AudioDevice device, AudioDirection direction, int sampleRate, int framesPerBuffer)
    {
        var maxChannels = direction == AudioDirection.Input ? device.InputChannels : device.OutputChannels;
        if (maxChannels <= 0)
        {
            throw new AudioDeviceException($"Device {device.Index} \"{device.Name}\" has no {(direction == AudioDirection.Input ? "input" : "output")} channels.");
        }

        var info = Marshal.PtrToStructure<PortAudioNative.DeviceInfo>(PortAudioNative.Pa_GetDeviceInfo(device.Index));
        var latency = direction == AudioDirection.Input
            ? Math.Max(info.DefaultHighInputLatency, MinimumInputLatency.TotalSeconds)
            : Math.Max(info.DefaultLowOutputLatency, MinimumOutputLatency.TotalSeconds);
        var error = 0;
        foreach (var channels in new[] { 1, Math.Min(2, maxChannels), maxChannels }.Distinct())
        {
            var parameters = new PortAudioNative.StreamParameters
            {
                Device = device.Index,
                ChannelCount = channels,
                SampleFormat = new CULong(PortAudioNative.SampleFormatInt16),
                SuggestedLatency = latency,
                HostApiSpecificStreamInfo = IntPtr.Zero,
            };
            error = direction == AudioDirection.Input
                ? PortAudioNative.Pa_OpenStream(out var handle, &parameters, null, sampleRate, new CULong((uint)framesPerBuffer), new CULong(PortAudioNative.ClipOff), IntPtr.Zero, IntPtr.Zero)
                : PortAudioNative.Pa_OpenStream(out handle, null, &parameters, sampleRate, new CULong((uint)framesPerBuffer), new CULong(PortAudioNative.ClipOff), IntPtr.Zero, IntPtr.Zero);
            if (error == PortAudioNative.NoError)
            {
                var started = PortAudioNative.Pa_StartStream(handle);
                if (started != PortAudioNative.NoError)
                {
                    _ = PortAudioNative.Pa_CloseStream(handle);
                    throw Refused(device, direction, sampleRate, started);
                }

                return (handle, channels);
            }

            if (error != PortAudioNative.InvalidChannelCount)
            {
                break;
            }
        }

        throw Refused(device, direction, sampleRate, error);
    }

    private static AudioDeviceException Refused(AudioDevice device, AudioDirection direction, int sampleRate, int error) =>
        new($"Device {device.Index} \"{device.Name}\" refused {(direction == AudioDirection.Input ? "capture" : "playback")} of 16-bit audio at {sampleRate} Hz: {PortAudioNative.ErrorText(error)}.");
}
