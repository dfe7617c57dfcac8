using System.Threading.Channels;
using ActorVoice.Audio.Files;
using ActorVoice.Audio.Pcm;
using ActorVoice.Engine.Capture;
using ActorVoice.Engine.Configuration;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Engine;

public class CaptureActorSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly CaptureSettings Fast = EngineSettings.Reference.Capture with { Frame = TimeSpan.FromMilliseconds(20), Pace = Pace.Fast, TrailingSilence = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task A_wav_at_16kHz_should_stream_as_24kHz_20ms_append_events_into_the_socket_channel()
    {
        var folder = RepoPaths.TempFolder("capture");
        var wav = Path.Combine(folder, "tone.wav");
        WavFile.WriteMono16(wav, Enumerable.Range(0, 16000).Select(i => (short)(Math.Sin(i / 5.0) * 8000)).ToArray(), 16000);
        var channel = Channel.CreateUnbounded<ClientEvent>();
        var capture = Sys.ActorOf(CaptureActor.Props(Fast));

        capture.Tell(new CaptureActor.StartCapture(wav, channel.Writer, TestActor), TestActor);
        var started = await ExpectMsgAsync<CaptureActor.CaptureStarted>();
        var completed = await ExpectMsgAsync<CaptureActor.CaptureCompleted>();

        Assert.Equal(0, started.SessionOffsetMs);
        Assert.Equal(1100, completed.DurationMs);
        var frames = new List<short[]>();
        while (channel.Reader.TryRead(out var e))
        {
            frames.Add(Pcm16.FromBytes(Convert.FromBase64String(Assert.IsType<InputAudioBufferAppend>(e).Audio)));
        }

        Assert.Equal(55, frames.Count);
        Assert.All(frames, f => Assert.Equal(480, f.Length));
        Assert.True(frames.Take(50).Any(f => f.Any(s => s != 0)), "speech frames carry audio");
        Assert.All(frames.Skip(50), f => Assert.All(f, s => Assert.Equal(0, s)));

        // A second capture continues the session's audio clock.
        capture.Tell(new CaptureActor.StartCapture(wav, channel.Writer, TestActor), TestActor);
        Assert.Equal(1100, (await ExpectMsgAsync<CaptureActor.CaptureStarted>()).SessionOffsetMs);
        await ExpectMsgAsync<CaptureActor.CaptureCompleted>();
    }

    [Fact]
    public async Task A_capture_asked_for_while_another_runs_should_start_when_the_first_ends()
    {
        var folder = RepoPaths.TempFolder("capture-queue");
        var wav = Path.Combine(folder, "short.wav");
        WavFile.WriteMono16(wav, new short[4800], 24000);
        var channel = Channel.CreateUnbounded<ClientEvent>();
        var capture = Sys.ActorOf(CaptureActor.Props(Fast));

        capture.Tell(new CaptureActor.StartCapture(wav, channel.Writer, TestActor), TestActor);
        capture.Tell(new CaptureActor.StartCapture(wav, channel.Writer, TestActor), TestActor);

        Assert.Equal(0, (await ExpectMsgAsync<CaptureActor.CaptureStarted>()).SessionOffsetMs);
        await ExpectMsgAsync<CaptureActor.CaptureCompleted>();
        Assert.Equal(300, (await ExpectMsgAsync<CaptureActor.CaptureStarted>()).SessionOffsetMs);
        await ExpectMsgAsync<CaptureActor.CaptureCompleted>();
    }

    [Fact]
    public async Task A_file_that_is_not_a_wav_should_fail_with_a_clear_reason_and_the_actor_should_go_on()
    {
        var folder = RepoPaths.TempFolder("capture-bad");
        var bad = Path.Combine(folder, "notes.wav");
        await File.WriteAllTextAsync(bad, "this is not audio");
        var channel = Channel.CreateUnbounded<ClientEvent>();
        var capture = Sys.ActorOf(CaptureActor.Props(Fast));

        capture.Tell(new CaptureActor.StartCapture(bad, channel.Writer, TestActor), TestActor);
        var failed = await ExpectMsgAsync<CaptureActor.CaptureFailed>();
        Assert.Contains("not a readable WAV file", failed.Reason, StringComparison.Ordinal);

        capture.Tell(new CaptureActor.StartCapture(Path.Combine(folder, "missing.wav"), channel.Writer, TestActor), TestActor);
        Assert.Contains("not found", (await ExpectMsgAsync<CaptureActor.CaptureFailed>()).Reason, StringComparison.Ordinal);

        var good = Path.Combine(folder, "ok.wav");
        WavFile.WriteMono16(good, new short[2400], 24000);
        capture.Tell(new CaptureActor.StartCapture(good, channel.Writer, TestActor), TestActor);
        await ExpectMsgAsync<CaptureActor.CaptureStarted>();
        await ExpectMsgAsync<CaptureActor.CaptureCompleted>();
    }

    [Fact]
    public async Task An_unsupported_wav_encoding_should_be_named_in_the_error()
    {
        var folder = RepoPaths.TempFolder("capture-alaw");
        var path = Path.Combine(folder, "alaw.wav");
        using (var writer = new NAudio.Wave.WaveFileWriter(path, NAudio.Wave.WaveFormat.CreateALawFormat(8000, 1)))
        {
            writer.Write(new byte[800], 0, 800);
        }

        var capture = Sys.ActorOf(CaptureActor.Props(Fast));
        capture.Tell(new CaptureActor.StartCapture(path, Channel.CreateUnbounded<ClientEvent>().Writer, TestActor), TestActor);
        var failed = await ExpectMsgAsync<CaptureActor.CaptureFailed>();
        Assert.Contains("unsupported WAV encoding", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("ALaw", failed.Reason, StringComparison.Ordinal);
    }
}
