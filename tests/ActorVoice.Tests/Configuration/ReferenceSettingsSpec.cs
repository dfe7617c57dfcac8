using ActorVoice.Engine.Configuration;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.Retrieval;
using ActorVoice.Speech.Recognition;
using Akka.Configuration;

namespace ActorVoice.Tests.Configuration;

/// <summary>The typed settings read from the embedded reference configs give the defaults the .conf files document.</summary>
public sealed class ReferenceSettingsSpec
{
    private static readonly EngineSettings Engine = EngineSettings.Reference;
    private static readonly LocalServerSettings Server = LocalServerSettings.Reference;

    [Fact]
    public void The_engine_reference_should_give_the_documented_defaults()
    {
        Assert.True(Engine.Realtime.IsEmbedded);
        Assert.Equal(TimeSpan.FromSeconds(10), Engine.Realtime.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), Engine.Realtime.KeepAlive);
        Assert.Equal(TimeSpan.FromMilliseconds(20), Engine.Capture.Frame);
        Assert.True(Engine.Capture.Realtime);
        Assert.Equal("server_vad", Engine.Turn.VadType);
        Assert.Equal(0.5, Engine.Turn.VadThreshold);
        Assert.Equal(TimeSpan.FromMilliseconds(500), Engine.Turn.VadSilenceDuration);
        Assert.Equal(TimeSpan.FromSeconds(120), Engine.Turn.TurnTimeout);
        Assert.Equal(-35, Engine.Turn.LocalVadThresholdDbfs);
        Assert.Equal(9, Engine.Turn.Backchannels.Count);
        Assert.Contains("mm hmm", Engine.Turn.Backchannels);
        Assert.Equal(SearchMode.Weighted, Engine.Retrieval.Mode);
        Assert.Equal(3, Engine.Retrieval.TopK);
        Assert.Equal(AnswerInjection.Verbatim, Engine.Answer.Injection);
        Assert.Equal("out/audio", Engine.Playback.OutputDir);
        Assert.Equal(Pace.Realtime, Engine.Playback.Pace);
        Assert.Equal(TimeSpan.FromSeconds(30), Engine.Supervision.Within);
    }

    [Fact]
    public void The_engine_index_options_should_be_the_library_defaults_but_for_the_weighted_mode()
    {
        // The Retrieval library keeps its own defaults for callers without HOCON; they must not drift from engine.conf.
        Assert.Equal(RetrievalOptions.Default with { DefaultMode = SearchMode.Weighted }, Engine.Retrieval.ToOptions());
    }

    [Fact]
    public void The_local_server_reference_should_give_the_documented_defaults()
    {
        Assert.Equal("127.0.0.1", Server.Host);
        Assert.Equal(0, Server.Port);
        Assert.Equal(64, Server.MaxSessions);
        Assert.Equal(TimeSpan.FromMinutes(60), Server.MaxSessionDuration);
        Assert.True(Server.AcceptBeta);
        Assert.Equal(0.5, Server.Vad.Threshold);
        Assert.Equal(TimeSpan.FromMilliseconds(120), Server.Vad.MinSpeechDuration);
        Assert.Equal("interpolated", Server.Recognition.DomainMode);
        Assert.Equal(2, Server.Recognition.PoolSize);
        Assert.Equal("flite", Server.Synthesis.Engine);
        Assert.Equal(TimeSpan.FromMilliseconds(100), Server.Synthesis.Chunk);
    }

    [Fact]
    public void The_local_server_recognizers_should_start_from_the_library_speech_mean_without_warm_up_audio()
    {
        // Callers of the Speech library without HOCON get the same first-utterance fix; the two must not drift.
        Assert.Equal(PocketsphinxOptions.SpeechCepstralMean, Server.Recognition.CmnInit);
        Assert.Equal(PocketsphinxOptions.Default.CmnInit, Server.Recognition.CmnInit);
        Assert.Empty(Server.Recognition.WarmUpAudio);
    }

    [Fact]
    public void Home_relative_paths_should_be_expanded()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".cache/actorvoice/local-server-cert.pfx"), Server.Tls.GeneratedCertificatePath);
        Assert.Equal(Path.Combine(home, ".cache/actorvoice/lm"), Server.Recognition.DomainCache);
    }

    [Fact]
    public void An_override_should_replace_only_its_key()
    {
        var settings = EngineSettings.Create(ConfigurationFactory.ParseString("""
            actorvoice.engine.turn { vad-threshold = 0.8, backchannels = ["right"] }
            actorvoice.engine.capture.pace = fast
            """));

        Assert.Equal(0.8, settings.Turn.VadThreshold);
        Assert.Equal(["right"], settings.Turn.Backchannels);
        Assert.False(settings.Capture.Realtime);
        Assert.Equal(Engine.Turn.VadSilenceDuration, settings.Turn.VadSilenceDuration);
        Assert.Equal(Engine.Realtime, settings.Realtime);
    }
}
