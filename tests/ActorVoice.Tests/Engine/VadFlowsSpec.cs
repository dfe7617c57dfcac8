using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using ActorVoice.Audio.Vad;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Tests.Engine;

/// <summary>The VAD stage of the capture stream, driven by probes.</summary>
public class VadFlowsSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly VadParameters Vad = new(ThresholdDbfs: -35, PrefixPaddingMs: 0, SilenceDurationMs: 200, MinSpeechMs: 40);
    private const int FrameSamples = WireAudio.SampleRate / 50;

    private static short[] Loud() => Enumerable.Range(0, FrameSamples).Select(i => (short)(Math.Sin(i / 3.0) * 12000)).ToArray();

    private static short[] Quiet() => new short[FrameSamples];

    [Fact]
    public async Task Vad_should_pass_frames_through_and_report_one_start_and_one_stop_then_stop_its_stage()
    {
        var materializer = Sys.Materializer();
        var transitions = CreateTestProbe();
        await this.AssertAllStagesStoppedAsync(async () =>
        {
            var (mic, output) = this.SourceProbe<short[]>()
                .Via(VadFlows.Detect(WireAudio.SampleRate, Vad, t => transitions.Ref.Tell(t, Akka.Actor.ActorRefs.NoSender)))
                .ToMaterialized(this.SinkProbe<short[]>(), Keep.Both)
                .Run(materializer);
            output.Request(100);
            var frames = Enumerable.Range(0, 10).Select(_ => Quiet())
                .Concat(Enumerable.Range(0, 25).Select(_ => Loud()))
                .Concat(Enumerable.Range(0, 20).Select(_ => Quiet()))
                .ToList();
            foreach (var frame in frames)
            {
                mic.SendNext(frame);
                Assert.Same(frame, await output.ExpectNextAsync());
            }

            Assert.Equal(VadTransitionKind.SpeechStarted, (await transitions.ExpectMsgAsync<VadTransition>()).Kind);
            Assert.Equal(VadTransitionKind.SpeechStopped, (await transitions.ExpectMsgAsync<VadTransition>()).Kind);
            await transitions.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
            mic.SendComplete();
            await output.ExpectCompleteAsync();
        }, materializer);
    }

    [Fact]
    public async Task Vad_should_stop_when_downstream_cancels()
    {
        var materializer = Sys.Materializer();
        await this.AssertAllStagesStoppedAsync(async () =>
        {
            var (mic, output) = this.SourceProbe<short[]>()
                .Via(VadFlows.Detect(WireAudio.SampleRate, Vad, _ => { }))
                .ToMaterialized(this.SinkProbe<short[]>(), Keep.Both)
                .Run(materializer);
            output.Request(1);
            mic.SendNext(Quiet());
            await output.ExpectNextAsync();
            output.Cancel();
            await mic.ExpectCancellationAsync();
        }, materializer);
    }
}
