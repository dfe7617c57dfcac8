using ActorVoice.Cli.Runtime;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.EndToEnd;

/// <summary>
/// One real conversation stack for a test class: the sample documents indexed on disk, the local realtime server
/// on a loopback WebSocket (pocketsphinx + flite) and a session actor connected to it.
/// </summary>
public class OfflineConversationFixture : IAsyncLifetime
{
    public AssistantRuntime Runtime { get; private set; } = null!;

    public string OutputFolder { get; } = RepoPaths.TempFolder("e2e");

    /// <summary>Settings a test class needs on top of the defaults (HOCON lines).</summary>
    protected virtual IReadOnlyList<string> ExtraSettings => [];

    public async Task InitializeAsync()
    {
        var config = CliConfig.Load(null,
        [
            "actorvoice.engine.capture.pace = fast",
            "actorvoice.engine.playback.pace = fast",
            $"actorvoice.engine.playback.output-dir = {CliConfig.Quote(Path.Combine(OutputFolder, "audio"))}",
            .. ExtraSettings,
        ]);
        Runtime = await AssistantRuntime.StartAsync(config, RepoPaths.SampleDocs, Path.Combine(OutputFolder, "index"), null, verbose: false, CancellationToken.None);
    }

    public async Task DisposeAsync() => await Runtime.DisposeAsync();
}
