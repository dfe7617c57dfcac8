using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using ActorVoice.Audio.Files;
using ActorVoice.Audio.Vad;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Vad;

/// <summary>The VAD stage of an audio stream with either detector: the same start and stop transitions, frames untouched.</summary>
public class SileroVadFlowSpec : Akka.TestKit.Xunit2.TestKit
{
    private const int Rate = 24_000;
    private static readonly VadParameters Parameters = new(ThresholdDbfs: -35, PrefixPaddingMs: 0, SilenceDurationMs: 500, MinSpeechMs: 120);

    [Theory]
    [InlineData(VadKind.Energy)]
    [InlineData(VadKind.Silero)]
    public async Task Flow_should_pass_frames_through_and_report_one_start_and_one_stop(VadKind kind)
    {
        var materializer = Sys.Materializer();
        var audio = new short[Rate].Concat(WavFile.LoadMono16(RepoPaths.Question("q02.wav"), Rate)).Concat(new short[Rate * 3 / 2]).ToArray();
        var frames = audio.Chunk(Rate / 50).ToList();
        var transitions = CreateTestProbe();
        var choice = new VadChoice(kind, new SileroThresholds(0.5, 0.35));

        await this.AssertAllStagesStoppedAsync(async () =>
        {
            var passed = await Source.From(frames)
                .Via(VadFlows.Detect(Rate, Parameters, choice, t => transitions.Ref.Tell(t, Akka.Actor.ActorRefs.NoSender)))
                .RunWith(Sink.Seq<short[]>(), materializer);

            Assert.Equal(frames.Count, passed.Count);
            Assert.Same(frames[^1], passed[^1]);
        }, materializer);

        var start = await transitions.ExpectMsgAsync<VadTransition>();
        var stop = await transitions.ExpectMsgAsync<VadTransition>();
        await transitions.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.Equal(VadTransitionKind.SpeechStarted, start.Kind);
        Assert.Equal(VadTransitionKind.SpeechStopped, stop.Kind);
        // The question's own onset (its file starts with a short silence) as the energy VAD hears it in the clean audio.
        var onset = new EnergyVad(Rate, Parameters).Process(audio)[0].AudioMs;
        Assert.InRange(start.AudioMs, onset - 100, onset + 100);
    }

    [Fact]
    public async Task Flow_with_a_missing_model_should_fail_with_the_clear_error()
    {
        var materializer = Sys.Materializer();
        var choice = new VadChoice(VadKind.Silero, new SileroThresholds(0.5, 0.35), "/no/such/silero_vad.onnx");

        var error = await Assert.ThrowsAsync<SileroModelMissingException>(() =>
            Source.Single(new short[480]).Via(VadFlows.Detect(Rate, Parameters, choice, _ => { })).RunWith(Sink.Ignore<short[]>(), materializer));
        Assert.Contains("scripts/silero-model.sh", error.Message, StringComparison.Ordinal);
    }
}
