using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Util;
using ActorVoice.Audio.Processing;

namespace ActorVoice.Audio.Devices;

/// <summary>
/// A capture device as an Akka.Streams source of mono PCM16 frames at a chosen rate (24 kHz for the wire). The
/// device runs at its own rate; frames are resampled. Each materialisation opens the device and closes it when the
/// stream ends or is cancelled.
/// </summary>
public static class DeviceMicrophone
{
    /// <param name="backend">The audio library; it must outlive the stream.</param>
    /// <param name="device">The capture device.</param>
    /// <param name="sampleRate">The rate of the frames emitted.</param>
    /// <param name="frame">How much audio one device read holds (20 ms is the engine's frame).</param>
    /// <param name="bufferedFrames">
    /// Frames held when downstream is slower than real time; beyond that the oldest are dropped. A microphone cannot
    /// be back-pressured: audio a slow consumer does not take is lost either way, so the newest is kept. The default
    /// (5 s of 20 ms frames) rides out a stall at start-up (JIT, the first recognizer) without losing the first words.
    /// </param>
    public static Source<short[], NotUsed> Create(IAudioBackend backend, AudioDevice device, int sampleRate, TimeSpan frame, int bufferedFrames = 250)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(device);
        var deviceRate = (int)Math.Round(device.DefaultSampleRate);
        var frameSamples = Math.Max(1, (int)(deviceRate * frame.TotalSeconds));

        // UnfoldResource runs the blocking reads on the stream's blocking-IO dispatcher (threads of their own, not the
        // actors' pool); the read stage is an async island, so the buffer after it keeps pulling while a consumer lags.
        return Source.UnfoldResource<short[], Capture>(
                () => new Capture(backend.OpenInput(device, deviceRate, frameSamples), new PcmResampler(deviceRate, sampleRate), frameSamples),
                capture => capture.Next(),
                capture => capture.Dispose())
            .Buffer(bufferedFrames, OverflowStrategy.DropHead)
            .Named("device-microphone");
    }

    /// <summary>One open capture: the device stream, its read buffer and the resampler's state.</summary>
    private sealed class Capture(IAudioInputStream stream, PcmResampler resampler, int frameSamples) : IDisposable
    {
        private readonly short[] _buffer = new short[frameSamples];

        public Option<short[]> Next()
        {
            while (true)
            {
                stream.Read(_buffer);
                var frame = resampler.Process(_buffer);
                if (frame.Length > 0)
                {
                    return Option<short[]>.Create(frame);
                }
            }
        }

        public void Dispose() => stream.Dispose();
    }
}
