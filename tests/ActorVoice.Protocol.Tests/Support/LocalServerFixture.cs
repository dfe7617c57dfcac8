using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorVoice.Protocol.Tests.Support;

/// <summary>
/// One real local realtime server (pocketsphinx + flite) shared by a test class: starting the speech services
/// takes about a second, so every test connects its own session to the same server.
/// </summary>
public sealed class LocalServerFixture : IAsyncLifetime
{
    /// <summary>The frame limit configured for the tests, small enough to exceed cheaply.</summary>
    public const int MaxFrameBytes = 256 * 1024;

    private SpeechServices? _speech;

    public LocalRealtimeServer Server { get; private set; } = null!;

    public LocalServerSettings Settings { get; private set; } = null!;

    public Uri Uri => Server.RealtimeUri;

    public async Task InitializeAsync()
    {
        Settings = LocalServerSettings.Reference with { MaxFrameBytes = MaxFrameBytes };
        _speech = await SpeechServicesFactory.CreateAsync(Settings, NullLogger.Instance);
        Server = await LocalRealtimeServer.StartAsync(Settings, _speech, b => b.SetMinimumLevel(LogLevel.Warning));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _speech?.Recognizers.Dispose();
    }
}
