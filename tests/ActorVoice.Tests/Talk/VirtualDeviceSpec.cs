using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using ActorVoice.Audio.Devices;
using ActorVoice.Audio.Devices.PortAudio;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Talk;

/// <summary>
/// The device layer on a real device path: PortAudio (ALSA host API) → ALSA's PulseAudio plugin → the PulseAudio null
/// sinks of scripts/virtual-audio.sh. Nothing is mocked below the PortAudio calls.
/// </summary>
[Trait("Category", "EndToEnd")]
// Real-time audio through PulseAudio: scripts/test.sh runs these on their own, after the other test assemblies, so
// that no other test's load starves the virtual devices.
[Trait("Category", "Devices")]
[Collection(VirtualAudioCollection.Name)]
public sealed class VirtualDeviceSpec : TestKit
{
    [Fact]
    public async Task PortAudio_should_list_the_virtual_microphone_and_speaker()
    {
        await VirtualAudio.EnsureStartedAsync();
        using var backend = PortAudioBackend.Open();

        var devices = backend.Devices();

        Assert.Contains(devices, d => d.Name == VirtualAudio.Microphone && d.CanCapture);
        Assert.Contains(devices, d => d.Name == VirtualAudio.Speaker && d.CanPlay);
        Assert.All(devices, d => Assert.True(d.DefaultSampleRate > 0, d.ToString()));
        Assert.Equal(VirtualAudio.Microphone, AudioDeviceSelector.Select(devices, AudioDirection.Input, VirtualAudio.Microphone).Name);
    }

    [Fact]
    public async Task Microphone_source_should_hear_a_question_played_into_the_virtual_microphone()
    {
        await VirtualAudio.EnsureStartedAsync();
        using var backend = PortAudioBackend.Open();
        var device = AudioDeviceSelector.Select(backend.Devices(), AudioDirection.Input, VirtualAudio.Microphone);

        var (kill, frames) = DeviceMicrophone.Create(backend, device, 24000, TimeSpan.FromMilliseconds(20))
            .ViaMaterialized(KillSwitches.Single<short[]>(), Keep.Right)
            .TakeWithin(TimeSpan.FromSeconds(6))
            .ToMaterialized(Sink.Seq<short[]>(), Keep.Both)
            .Run(Sys.Materializer());
        await Task.Delay(300);
        await VirtualAudio.SpeakAsync(RepoPaths.Question("q01.wav"));
        kill.Shutdown();
        var samples = (await frames).SelectMany(f => f).ToArray();

        // q01 is about 2.7 s of speech; the frames are resampled from the device rate to 24 kHz.
        Assert.True(VirtualAudio.LoudMilliseconds(samples, 24000) > 800, $"heard {VirtualAudio.LoudMilliseconds(samples, 24000)} ms of sound in {samples.Length / 24.0:0} ms");
    }

    [Fact]
    public async Task Player_should_reach_the_virtual_speaker_and_stop_at_once_when_cleared()
    {
        await VirtualAudio.EnsureStartedAsync();
        using var backend = PortAudioBackend.Open();
        var device = AudioDeviceSelector.Select(backend.Devices(), AudioDirection.Output, VirtualAudio.Speaker);
        using var recording = VirtualAudio.RecordSpeaker();
        await recording.StartedAsync(TimeSpan.FromSeconds(20));

        using (var player = DevicePlayer.Start(backend, device, 24000))
        {
            player.Enqueue(Tone(TimeSpan.FromSeconds(3)));
            await Task.Delay(600);
            player.Clear();
            await Task.Delay(1200);
        }

        var heard = VirtualAudio.LoudMilliseconds(await recording.StopAsync(), VirtualAudio.RecordRate);
        // 3 s were queued; about 600 ms played before the clear, plus what the device had buffered by then.
        Assert.InRange(heard, 200, 1500);
    }

    private static short[] Tone(TimeSpan length)
    {
        var samples = new short[(int)(24000 * length.TotalSeconds)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 24000.0));
        }

        return samples;
    }
}
