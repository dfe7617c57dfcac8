using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Serve;

/// <summary>One assistant host for the tests of a class (starting one indexes the samples and loads the speech models).</summary>
public sealed class ServeFixture : IAsyncLifetime
{
    internal ServeTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ServeTestHost.StartAsync(RepoPaths.TempFolder("serve"));

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
