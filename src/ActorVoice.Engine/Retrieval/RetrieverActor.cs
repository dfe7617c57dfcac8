using System.Diagnostics;
using Akka.Actor;
using ActorVoice.Engine.Configuration;
using ActorVoice.Retrieval.Search;

namespace ActorVoice.Engine.Retrieval;

/// <summary>
/// Answers retrieval requests from the session's knowledge index. Searches run off the actor's thread and
/// are piped back to the requester, so many can be in flight (speculative queries) without blocking.
/// </summary>
public sealed class RetrieverActor : ReceiveActor
{
    private readonly IKnowledgeIndex _index;
    private readonly RetrievalSettings _settings;

    public RetrieverActor(IKnowledgeIndex index, RetrievalSettings settings)
    {
        _index = index;
        _settings = settings;
        Receive<Retrieve>(Search);
    }

    public static Props Props(IKnowledgeIndex index, RetrievalSettings settings) =>
        Akka.Actor.Props.Create(() => new RetrieverActor(index, settings));

    private void Search(Retrieve request)
    {
        var replyTo = Sender;
        var index = _index;
        var topK = request.TopK ?? _settings.TopK;
        var timeout = _settings.Timeout;
        Task.Run(() =>
            {
                using var cts = new CancellationTokenSource(timeout);
                var watch = Stopwatch.StartNew();
                var hits = index.Search(request.Query, topK, cts.Token);
                return new Retrieved(request.RequestId, request.Query, hits, watch.Elapsed);
            })
            .PipeTo(replyTo, failure: ex => new RetrievalFailed(request.RequestId, request.Query, (ex as AggregateException)?.InnerException?.Message ?? ex.Message));
    }

    public sealed record Retrieve(long RequestId, string Query, int? TopK = null);

    public sealed record Retrieved(long RequestId, string Query, IReadOnlyList<SearchHit> Hits, TimeSpan Elapsed);

    public sealed record RetrievalFailed(long RequestId, string Query, string Reason);
}
