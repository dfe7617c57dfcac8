using ActorVoice.Faults;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorVoice.Protocol.Tests.Server.Faults;

/// <summary>
/// The speech engines (pocketsphinx + flite) shared by the server fault tests; each test starts its own local server
/// on a loopback port under its own fault plan, so the plan's random streams start fresh for every test.
/// </summary>
public sealed class FaultServerFixture : IAsyncLifetime
{
    private SpeechServices? _speech;

    public LocalServerSettings Settings { get; } = LocalServerSettings.Reference;

    public async Task InitializeAsync() => _speech = await SpeechServicesFactory.CreateAsync(Settings, NullLogger.Instance);

    /// <summary>Starts a server honouring <paramref name="plan"/> (HOCON of <c>actorvoice.faults</c>).</summary>
    public async Task<(LocalRealtimeServer Server, FaultInjection Faults)> StartAsync(string plan)
    {
        var faults = new FaultInjection(FaultPlan.Parse(plan));
        var server = await LocalRealtimeServer.StartAsync(Settings, _speech!, faults, b => b.SetMinimumLevel(LogLevel.Warning));
        return (server, faults);
    }

    public Task DisposeAsync()
    {
        _speech?.Recognizers.Dispose();
        return Task.CompletedTask;
    }
}
