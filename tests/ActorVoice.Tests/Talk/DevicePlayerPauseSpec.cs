using ActorVoice.Audio.Devices;

namespace ActorVoice.Tests.Talk;

/// <summary>
/// The device player behind <c>talk</c>'s speaker: paused, it writes silence and keeps its queue; unpaused, it plays the
/// queue on. The output stream is a stand-in that takes each write in real time (a real device blocks the same way).
/// </summary>
public sealed class DevicePlayerPauseSpec
{
    private const int Rate = 24_000;

    [Fact]
    public async Task A_paused_player_should_write_silence_keep_its_queue_and_play_it_all_once_unpaused()
    {
        using var backend = new PacedBackend();
        using var player = DevicePlayer.Start(backend, new AudioDevice(0, "paced", "test", 0, 1, Rate), Rate);
        var tone = Enumerable.Repeat((short)8000, Rate).ToArray(); // one second

        player.Paused = true;
        player.Enqueue(tone);
        player.Flush();
        await Task.Delay(400);

        Assert.Equal(0, player.PlayedSamples);
        Assert.Equal(Rate, player.QueuedSamples);
        Assert.True(backend.Stream.SilentSamples > 0, "the paused device was not kept fed with silence");
        Assert.Equal(0, backend.Stream.SoundSamples);

        player.Paused = false;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (player.PlayedSamples < Rate && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(Rate, player.PlayedSamples);
        Assert.Equal(Rate, backend.Stream.SoundSamples);
    }

    private sealed class PacedBackend : IAudioBackend
    {
        public PacedStream Stream { get; } = new();

        public string Name => "paced";

        public IReadOnlyList<AudioDevice> Devices() => [];

        public IAudioInputStream OpenInput(AudioDevice device, int sampleRate, int framesPerBuffer) => throw new NotSupportedException();

        public IAudioOutputStream OpenOutput(AudioDevice device, int sampleRate, int framesPerBuffer) => Stream;

        public void Dispose()
        {
        }
    }

    /// <summary>Takes each write in (roughly) its own duration and counts silent and sounding samples.</summary>
    private sealed class PacedStream : IAudioOutputStream
    {
        private long _silent;
        private long _sound;

        public int SampleRate => Rate;

        public long Underflows => 0;

        public long SilentSamples => Interlocked.Read(ref _silent);

        public long SoundSamples => Interlocked.Read(ref _sound);

        public void Write(ReadOnlySpan<short> samples)
        {
            var sounding = 0;
            foreach (var sample in samples)
            {
                if (sample != 0)
                {
                    sounding++;
                }
            }

            Interlocked.Add(ref _sound, sounding);
            Interlocked.Add(ref _silent, samples.Length - sounding);
            Thread.Sleep(Math.Max(1, samples.Length * 1000 / Rate));
        }

        public void Dispose()
        {
        }
    }
}
