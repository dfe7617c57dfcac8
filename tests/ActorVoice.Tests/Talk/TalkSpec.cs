using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Talk;

/// <summary>
/// <c>actorvoice talk</c> as a user runs it, on the virtual devices of scripts/virtual-audio.sh: a spoken question
/// played into the virtual microphone is answered out of the virtual speaker. And the clear errors when a device or
/// the audio library is missing.
/// </summary>
[Trait("Category", "EndToEnd")]
// Real-time audio through PulseAudio: scripts/test.sh runs these on their own, after the other test assemblies, so
// that no other test's load starves the virtual devices.
[Trait("Category", "Devices")]
[Collection(VirtualAudioCollection.Name)]
public sealed class TalkSpec
{
    [Fact]
    public async Task Talk_should_answer_a_question_spoken_into_the_microphone_out_of_the_speaker()
    {
        await VirtualAudio.EnsureStartedAsync();
        using var speaker = VirtualAudio.RecordSpeaker();
        await speaker.StartedAsync(TimeSpan.FromSeconds(20));
        await using var talk = TalkProcess.Start(
            null,
            "talk", "--docs", RepoPaths.SampleDocs, "--input-device", VirtualAudio.Microphone, "--output-device", VirtualAudio.Speaker, "--duration", "120");
        await talk.WaitForLineAsync(l => l.StartsWith("listening", StringComparison.Ordinal), TimeSpan.FromMinutes(2));

        await Task.Delay(1000);
        await VirtualAudio.SpeakAsync(RepoPaths.Question("q01.wav"));
        // Waits for the answer to the question: on a loaded machine the VAD may cut the question into two turns.
        var sources = await talk.WaitForLineAsync(l => l.StartsWith("sources:", StringComparison.Ordinal) && l.Contains("handbook/vacation.md", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var afterSources = false;
        await talk.WaitForLineAsync(
            l => (afterSources |= l == sources) && l.StartsWith("  (answered", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60));
        var heard = string.Join(" | ", talk.Lines.Where(l => l.StartsWith("you:", StringComparison.Ordinal)));
        await Task.Delay(500);
        talk.Interrupt();
        // Ctrl+C ends the program normally: the host stop and every device close are bounded (docs/talk.md), so even a
        // sound server that hangs cannot hold it past 45 s.
        var exitCode = await talk.WaitForExitAsync(TimeSpan.FromSeconds(45));

        var played = await speaker.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains("vacation", heard, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(talk.Lines, l => l.StartsWith("assistant:", StringComparison.Ordinal));
        // The spoken answer is several seconds of flite speech; well over one second of it must have reached the speaker.
        var loudMs = VirtualAudio.LoudMilliseconds(played, VirtualAudio.RecordRate);
        Assert.True(loudMs > 1000, $"the speaker heard {loudMs} ms of sound in {played.Length / 24.0:0} ms recorded\n{talk.Stdout}");
    }

    [Fact]
    public async Task Talk_should_name_the_missing_device_and_list_those_that_exist()
    {
        await VirtualAudio.EnsureStartedAsync();

        var (exitCode, _, stderr) = await TalkProcess.RunAsync(null, "talk", "--docs", RepoPaths.SampleDocs, "--input-device", "no such microphone");

        Assert.Equal(2, exitCode);
        Assert.Contains("No audio input device is named \"no such microphone\"", stderr, StringComparison.Ordinal);
        Assert.Contains(VirtualAudio.Microphone, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Talk_should_say_what_to_install_when_the_PortAudio_library_is_missing()
    {
        var environment = new Dictionary<string, string> { ["ACTORVOICE_PORTAUDIO_LIBRARY"] = "/nonexistent/libportaudio.so.2" };

        var (exitCode, _, stderr) = await TalkProcess.RunAsync(environment, "talk", "--list-devices");

        Assert.Equal(2, exitCode);
        Assert.Contains("PortAudio library was not found", stderr, StringComparison.Ordinal);
        Assert.Contains("libportaudio2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Talk_should_fail_clearly_when_no_audio_device_exists()
    {
        // No sound card (none in a container), no PulseAudio to reach and no ~/.asoundrc: PortAudio finds nothing.
        // (An empty ALSA_CONFIG_PATH would be closer still, but PortAudio 19.6 aborts on an assertion with it.)
        var environment = new Dictionary<string, string> { ["HOME"] = RepoPaths.TempFolder("no-audio"), ["PULSE_SERVER"] = "unix:/nonexistent" };

        var (exitCode, _, stderr) = await TalkProcess.RunAsync(environment, "talk", "--docs", RepoPaths.SampleDocs);

        Assert.Equal(2, exitCode);
        Assert.Contains("found no audio devices", stderr, StringComparison.Ordinal);
        Assert.Contains("virtual-audio.sh", stderr, StringComparison.Ordinal);
    }
}
