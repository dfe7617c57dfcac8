using ActorVoice.Cli.Runtime;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions;
using ActorVoice.Protocol.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorVoice.Protocol.Tests.EndToEnd;

/// <summary>
/// A real local realtime server (pocketsphinx + flite) started on its own, apart from any engine, with the
/// recogniser's language model built from the sample documents as the CLI's embedded server would build it.
/// Engines connect to it through <c>actorvoice.engine.realtime.url</c>, as they would to a remote endpoint.
/// </summary>
public sealed class EngineServerFixture : IAsyncLifetime
{
    private SpeechServices? _speech;

    public LocalRealtimeServer Server { get; private set; } = null!;

    public static string SampleDocs => Path.Combine(RepoPaths.Root, "samples", "docs");

    public async Task InitializeAsync()
    {
        var config = CliConfig.Load(null, [$"actorvoice.local-server.recognition.domain-docs = {CliConfig.Quote(SampleDocs)}"]);
        var settings = LocalServerSettings.Create(config) with { Port = 0 };
        _speech = await SpeechServicesFactory.CreateAsync(settings, NullLogger.Instance);
        Server = await LocalRealtimeServer.StartAsync(settings, _speech, b => b.SetMinimumLevel(LogLevel.Warning));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _speech?.Recognizers.Dispose();
    }
}
