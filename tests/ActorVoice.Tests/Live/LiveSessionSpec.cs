using Akka.Actor;
using ActorVoice.Cli.Runtime;
using ActorVoice.Engine.Live;
using ActorVoice.Engine.Turns;
using ActorVoice.Hosting;
using ActorVoice.Hosting.Knowledge;
using ActorVoice.Hosting.Sessions;
using ActorVoice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace ActorVoice.Tests.Live;

/// <summary>
/// A live session against the real local realtime server: a microphone that streams for the session's whole life
/// (silence, a spoken question in real time, silence), turns started by the VAD, and the answer heard on a speaker.
/// </summary>
[Trait("Category", "EndToEnd")]
public class LiveSessionSpec(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan TurnDeadline = TimeSpan.FromSeconds(60);
    private readonly string _folder = RepoPaths.TempFolder("live");
    private readonly RecordingSpeaker _speaker = new();
    private IHost _host = null!;
    private readonly List<IAsyncDisposable> _owned = [];
    // The microphone (owned: disposed with the others) as the test uses it.
    private Func<string, Task> _say = null!;
    private IActorRef _session = ActorRefs.Nobody;
    private TestObserver _observer = null!;

    public async Task InitializeAsync()
    {
        var config = CliConfig.Load(null, ["actorvoice.engine.playback.output-dir = \"\"", .. ExtraSettings]);
        _host = new HostBuilder()
            .AddActorVoice(config, voice =>
            {
                voice.Status = null;
                voice.WithKnowledge(new KnowledgeOptions(Path.Combine(_folder, "index"), RepoPaths.SampleDocs)).WithVoiceEngine();
                voice.WithLocalRealtimeServer(s => s with { Port = 0 });
            })
            .Build();
        await _host.StartAsync();
        var system = _host.Services.GetRequiredService<ActorSystem>();
        _observer = new TestObserver();
        var observer = system.ActorOf(Props.Create(() => new TestObserver.Actor(_observer)), "observer");
        var microphone = new LiveMicrophone();
        _owned.Add(microphone);
        _say = microphone.SayAsync;
        _session = await _host.Services.GetRequiredService<VoiceSessions>()
            .StartLiveAsync(observer, "live", new LiveAudio(microphone.Source, _speaker), CancellationToken.None);
    }

    /// <summary>Settings on top of the defaults (the default: the engine's local VAD runs beside the server's).</summary>
    protected virtual IEnumerable<string> ExtraSettings => [];

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task A_question_spoken_into_a_live_microphone_should_be_answered_on_the_speaker_and_a_question_over_the_answer_should_stop_it()
    {
        await Task.Delay(300); // a little silence first, as from a real microphone
        await _say(RepoPaths.Question("q01.wav"));
        var spokenAt = DateTime.UtcNow;

        var started = await _speaker.WaitForAsync(c => c.Kind == "start", TurnDeadline);
        Assert.NotNull(started);
        var firstWrite = await _speaker.WaitForAsync(c => c.Kind == "write" && c.ResponseId == started.ResponseId, TimeSpan.FromSeconds(10));
        Assert.NotNull(firstWrite);
        output.WriteLine($"answer audio began {(DateTime.UtcNow - spokenAt).TotalMilliseconds:0} ms after the question's last frame");

        // The user cuts in while the answer plays (the engine plays it in real time; it lasts several seconds).
        await Task.Delay(400);
        await _say(RepoPaths.Question("i02.wav"));
        var stop = await _speaker.WaitForAsync(c => c.Kind == "stop" && c.ResponseId == started.ResponseId, TurnDeadline);

        var first = await _observer.WaitForTurnAsync(1, TurnDeadline);
        Assert.NotNull(first);
        output.WriteLine($"turn 1: {first.Outcome}, transcript \"{first.Transcript}\", top {first.TopDocument}, first audio {first.Timeline.FirstAudioMs} ms");
        output.WriteLine(string.Join(", ", _speaker.Calls.Where(c => c.Kind != "write").Select(c => $"{c.Kind} {c.ResponseId} {c.Reason}")));
        Assert.Contains("vacation", first.Transcript, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("handbook/vacation.md", first.TopDocument);
        Assert.True(_speaker.SamplesWritten > 0);
        Assert.NotNull(stop);
        Assert.Equal("barge-in", stop.Reason);
        Assert.Equal(TurnOutcome.Interrupted, first.Outcome);
        // Nothing more of the stopped response reaches the speaker.
        var calls = _speaker.Calls.ToList();
        var stopIndex = calls.FindIndex(c => c.Kind == "stop" && c.ResponseId == started.ResponseId);
        Assert.DoesNotContain(calls.Skip(stopIndex + 1), c => c.ResponseId == started.ResponseId);
    }

    /// <summary>Collects the session's completed turns for the test.</summary>
    private sealed class TestObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, TurnResult> _turns = new();

        public async Task<TurnResult?> WaitForTurnAsync(int number, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                if (_turns.TryGetValue(number, out var result))
                {
                    return result;
                }

                await Task.Delay(50);
            }

            return null;
        }

        public sealed class Actor : ReceiveActor
        {
            public Actor(TestObserver observer)
            {
                Receive<TurnCompleted>(c => observer._turns[c.Result.TurnNumber] = c.Result);
                ReceiveAny(_ => { });
            }
        }
    }
}
