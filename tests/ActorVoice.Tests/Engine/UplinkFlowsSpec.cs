using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using ActorVoice.Engine.Capture;

namespace ActorVoice.Tests.Engine;

/// <summary>The uplink's side branch (the shadow recognizer's place) can never hold back the frames to the socket.</summary>
public class UplinkFlowsSpec : Akka.TestKit.Xunit2.TestKit
{
    private readonly IMaterializer _materializer;

    public UplinkFlowsSpec(Xunit.Abstractions.ITestOutputHelper output)
        : base(Akka.Configuration.ConfigurationFactory.ParseString("""
            test-recognition {
              type = ForkJoinDispatcher
              throughput = 30
              dedicated-thread-pool { thread-count = 1 }
            }
            """), output: output)
    {
        _materializer = Sys.Materializer();
    }

    private static short[] Frame(int n) => [(short)n];

    [Fact]
    public async Task Frames_should_reach_the_socket_while_the_side_branch_is_blocked()
    {
        using var release = new ManualResetEventSlim(false);
        var branchSaw = 0;
        // A recognizer that blocks its thread on the first frame, as a slow decode would.
        var blocking = Flow.Create<short[]>()
            .Select(frame =>
            {
                Interlocked.Increment(ref branchSaw);
                release.Wait(TimeSpan.FromSeconds(20));
                return frame;
            })
            .To(Sink.Ignore<short[]>());

        await this.AssertAllStagesStoppedAsync(async () =>
        {
            var (mic, socket) = this.SourceProbe<short[]>()
                .Via(UplinkFlows.WithSideBranch(blocking, bufferFrames: 8, dispatcher: null))
                .ToMaterialized(this.SinkProbe<short[]>(), Keep.Both)
                .Run(_materializer);

            socket.Request(200);
            for (var i = 0; i < 200; i++)
            {
                mic.SendNext(Frame(i));
            }

            // All 200 frames arrive in order although the branch took one and blocks on it.
            for (var i = 0; i < 200; i++)
            {
                Assert.Equal(i, (await socket.ExpectNextAsync())[0]);
            }

            Assert.Equal(1, Volatile.Read(ref branchSaw));
            release.Set();
            mic.SendComplete();
            await socket.ExpectCompleteAsync();
        }, _materializer);
    }

    [Fact]
    public async Task A_failing_side_branch_should_not_stop_the_uplink()
    {
        var failing = Flow.Create<short[]>()
            .Select(frame => frame.Length >= 0 ? throw new InvalidOperationException("decoder crashed") : frame)
            .To(Sink.Ignore<short[]>());

        await this.AssertAllStagesStoppedAsync(async () =>
        {
            var (mic, socket) = this.SourceProbe<short[]>()
                .Via(UplinkFlows.WithSideBranch(failing, bufferFrames: 4, dispatcher: null))
                .ToMaterialized(this.SinkProbe<short[]>(), Keep.Both)
                .Run(_materializer);
            socket.Request(50);
            for (var i = 0; i < 50; i++)
            {
                mic.SendNext(Frame(i));
            }

            for (var i = 0; i < 50; i++)
            {
                Assert.Equal(i, (await socket.ExpectNextAsync())[0]);
            }

            mic.SendComplete();
            await socket.ExpectCompleteAsync();
        }, _materializer);
    }

    [Fact]
    public async Task The_side_branch_should_run_on_the_given_dispatcher()
    {
        var onPoolThread = new System.Collections.Concurrent.ConcurrentBag<bool>();
        var recording = Sink.ForEach<short[]>(_ => onPoolThread.Add(Thread.CurrentThread.IsThreadPoolThread)).MapMaterializedValue(_ => NotUsed.Instance);

        await this.AssertAllStagesStoppedAsync(async () =>
        {
            await Source.From(Enumerable.Range(0, 20).Select(Frame))
                .Via(UplinkFlows.WithSideBranch(recording, bufferFrames: 32, dispatcher: "test-recognition"))
                .RunWith(Sink.Ignore<short[]>(), _materializer);
            await AwaitConditionAsync(() => Task.FromResult(onPoolThread.Count == 20));
        }, _materializer);

        // The default dispatcher runs on the .NET thread pool; the configured one on its own dedicated threads.
        Assert.All(onPoolThread, Assert.False);
    }

}
