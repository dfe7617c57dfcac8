using System.Globalization;
using System.Net;
using ActorVoice.Engine.Configuration;
using ActorVoice.Hosting.Configuration;
using ActorVoice.Hosting.Knowledge;
using LabKnowledgeSettings = ActorVoice.Lab.Experiments.KnowledgeSettings;
using LabSource = ActorVoice.Lab.Experiments.KnowledgeSourceKind;

namespace ActorVoice.Cli.Lab;

/// <summary>
/// The knowledge source of a live experiment, as HOCON lines for every host: <c>index</c>: the built-in index behind
/// <c>knowledge.added-latency</c> (the midpoint of the experiment's range) when the engine has that key, else behind an
/// in-process <see cref="KnowledgeServer"/> with the range; <c>http</c>: the backend at <c>experiment.knowledge.url</c>,
/// or, for <c>url = embedded</c>, an in-process knowledge server over the index with the range on a free loopback port.
/// </summary>
public sealed class LiveKnowledge : IAsyncDisposable
{
    private const string AddedLatencyKey = "actorvoice.engine.knowledge.added-latency";

    private readonly KnowledgeServerHost? _server;

    private LiveKnowledge(IReadOnlyList<string> overrides, string description, KnowledgeServerHost? server)
    {
        Overrides = overrides;
        Description = description;
        _server = server;
    }

    public IReadOnlyList<string> Overrides { get; }

    public string Description { get; }

    public static async Task<LiveKnowledge> StartAsync(LabKnowledgeSettings knowledge, Akka.Configuration.Config config, string indexFolder, string docs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var min = TimeSpan.FromMilliseconds(knowledge.Latency.MinMs);
        var max = TimeSpan.FromMilliseconds(knowledge.Latency.MaxMs);
        var range = $"{knowledge.Latency.MinMs:0}-{knowledge.Latency.MaxMs:0} ms";
        switch (knowledge.Source)
        {
            case LabSource.Index when EngineSettings.DefaultConfig().HasPath(AddedLatencyKey):
                var mid = ((knowledge.Latency.MinMs + knowledge.Latency.MaxMs) / 2).ToString("0", CultureInfo.InvariantCulture);
                return new LiveKnowledge(
                    ["actorvoice.engine.knowledge.source = index", $"{AddedLatencyKey} = {mid}ms"],
                    $"the built-in index behind knowledge.added-latency = {mid} ms",
                    null);
            case LabSource.Index:
            case LabSource.Http when knowledge.IsEmbedded:
                var server = await KnowledgeServerHost.StartAsync(
                    config, new KnowledgeOptions(indexFolder, docs) { WarmUp = true }, IPAddress.Loopback, 0, min, max, cancellationToken);
                return new LiveKnowledge(
                    ["actorvoice.engine.knowledge.source = http", ActorVoiceConfig.Assign("actorvoice.engine.knowledge.http.url", server.Server.AskUri.ToString())],
                    $"an in-process HTTP knowledge server over the built-in index at {server.Server.AskUri}, adding {range}",
                    server);
            case LabSource.Http:
                return new LiveKnowledge(
                    ["actorvoice.engine.knowledge.source = http", ActorVoiceConfig.Assign("actorvoice.engine.knowledge.http.url", knowledge.Url)],
                    $"the HTTP backend at {knowledge.Url} (its own latency; the experiment expects {range})",
                    null);
            default:
                throw new ActorVoice.Lab.Experiments.ExperimentConfigException("experiment.knowledge.source", "a live experiment needs \"index\" or \"http\", not \"simulated\".");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
