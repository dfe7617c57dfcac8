using Akka.Actor;
using ActorVoice.Cli.Runtime;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;
using ActorVoice.Hosting;
using ActorVoice.Hosting.Knowledge;
using ActorVoice.Hosting.Lifetime;
using ActorVoice.Hosting.Sessions;
using ActorVoice.Retrieval.Search;
using ActorVoice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace ActorVoice.Tests.EndToEnd;

/// <summary>
/// The seed scenario end to end with the defaults: a spoken question through the local realtime server while the
/// knowledge source takes 1.5 s (the built-in index behind a test-only delay). The answer must come from the right
/// document, and whatever was spoken before it (a bridge, a held preemptive response) must obey the rules: the
/// answer's audio is accepted for playback only once the final transcript is known.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SlowKnowledgeSpec(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan AddedLatency = TimeSpan.FromMilliseconds(1500);
    private readonly string _folder = RepoPaths.TempFolder("e2e-slow");
    private IHost _host = null!;
    private IActorRef _session = ActorRefs.Nobody;
    private EngineSettings _settings = null!;

    public async Task InitializeAsync()
    {
        var config = CliConfig.Load(null,
        [
            "actorvoice.engine.capture.pace = realtime", // the end of speech and the bridge timer are real
            "actorvoice.engine.answer.bridge = on",
            "actorvoice.engine.playback.pace = fast",
            $"actorvoice.engine.playback.output-dir = {CliConfig.Quote(Path.Combine(_folder, "audio"))}",
        ]);
        _host = new HostBuilder()
            .AddActorVoice(config, voice =>
            {
                voice.Status = null;
                voice.WithKnowledge(new KnowledgeOptions(Path.Combine(_folder, "index"), RepoPaths.SampleDocs)).WithVoiceEngine();
                voice.WithLocalRealtimeServer(s => s with { Port = 0 });
            })
            .ConfigureServices((_, services) => services.AddSingleton<IKnowledgeSource>(sp => new DelayedKnowledgeSource(
                KnowledgeSourceFactory.Create(sp.GetRequiredService<EngineSettings>(), sp.GetRequiredService<HostedResource<KnowledgeIndex>>().Value),
                AddedLatency)))
            .Build();
        await _host.StartAsync();
        var sessions = _host.Services.GetRequiredService<VoiceSessions>();
        _settings = sessions.Settings;
        _session = await sessions.StartAsync(null, "session", CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task A_slow_source_should_still_answer_from_the_right_document_and_play_the_answer_only_after_the_final_transcript()
    {
        var result = await _session.Ask<TurnResult>(
            new SessionActor.RunTurn(RepoPaths.Question("q01.wav"), "e2e-slow-q01", null),
            _settings.Turn.TurnTimeout + TimeSpan.FromSeconds(10));

        Assert.Null(result.Error);
        Assert.Equal(TurnOutcome.Answered, result.Outcome);
        Assert.Equal("handbook/vacation.md", result.TopDocument);
        // Which passage of the vacation page leads depends on the transcript the answer was confirmed on (a partial
        // or the final one); every passage that answers the question speaks of days.
        Assert.Contains("days", result.Answer, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("vacation", result.SpokenTranscript, StringComparison.OrdinalIgnoreCase);
        var t = result.Timeline;
        output.WriteLine($"first audio {t.FirstAudioMs} ms, answer audio {t.AnswerAudioMs} ms, final transcript {t.TranscriptFinalMs} ms; spoken: {result.SpokenTranscript}");
        output.WriteLine(string.Join("\n", t.Marks.Select(m => $"{m.AtMs,8:0.0} {m.Name} {m.Detail}")));
        Assert.NotNull(t.AnswerAudioMs);
        Assert.True(t.AnswerAudioMs >= t.TranscriptFinalMs, $"answer audio before the final transcript: {t}");
        Assert.True(t.FirstAudioMs <= t.AnswerAudioMs, $"first audio after the answer's: {t}");
        var names = t.Marks.Select(m => m.Name).ToList();
        if (names.Contains(TimelineMarks.PreemptiveResponseCreate))
        {
            // Either confirmed (then played from confirmation on) or discarded (its items deleted, never played).
            Assert.True(names.Contains(TimelineMarks.PreemptiveConfirmed) ^ names.Contains(TimelineMarks.PreemptiveDiscarded), string.Join(", ", names));
        }

        if (names.Contains(TimelineMarks.BridgeStart))
        {
            Assert.True(t.FirstAudioMs < t.AnswerAudioMs, $"the bridge played first: {t}");
        }

        Assert.Contains(TimelineMarks.FirstAnswerAudio, names);
    }

    /// <summary>A knowledge source that answers <see cref="AddedLatency"/> later than the one it wraps (test only).</summary>
    private sealed class DelayedKnowledgeSource(IKnowledgeSource inner, TimeSpan delay) : IKnowledgeSource
    {
        public string Name => $"{inner.Name} +{delay.TotalMilliseconds:0} ms";

        public async Task<KnowledgeResult> QueryAsync(string question, bool partial, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return await inner.QueryAsync(question, partial, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }
}
