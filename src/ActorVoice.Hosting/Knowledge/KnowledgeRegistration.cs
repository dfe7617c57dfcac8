using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Hosting.Lifetime;
using ActorVoice.Retrieval.Dense;
using ActorVoice.Retrieval.Indexing;
using ActorVoice.Retrieval.Search;
using Microsoft.Extensions.DependencyInjection;

namespace ActorVoice.Hosting.Knowledge;

/// <summary>Registers the document index (built or opened, then warmed up, when the host starts) and the knowledge source.</summary>
internal static class KnowledgeRegistration
{
    public static void Add(IServiceCollection services, EngineSettings settings, KnowledgeOptions options, TextWriter? status)
    {
        services.AddSingleton(_ => new HostedResource<KnowledgeIndex>(ct => OpenAsync(settings.Retrieval, options, status, ct), index => index.Dispose()));
        services.AddHostedService(sp => sp.GetRequiredService<HostedResource<KnowledgeIndex>>());

        // Created from the index once the host has started; the container disposes it before the index.
        services.AddSingleton(sp => KnowledgeSourceFactory.Create(settings, sp.GetRequiredService<HostedResource<KnowledgeIndex>>().Value));
    }

    private static async Task<KnowledgeIndex> OpenAsync(RetrievalSettings retrieval, KnowledgeOptions options, TextWriter? status, CancellationToken cancellationToken)
    {
        var indexOptions = retrieval.ToOptions();
        var dense = retrieval.UsesDense ? DenseRetrieval.WithVectorIndexFactory(MiniLmEmbedder.Shared) : null;
        KnowledgeIndex index;
        if (options.DocumentsFolder is { } docs)
        {
            status?.WriteLine($"Indexing {docs} into {options.IndexFolder} ({retrieval.Mode}) ...");
            index = await Task.Run(() => KnowledgeIndex.Build(docs, options.IndexFolder, indexOptions, options.Progress, dense, cancellationToken), cancellationToken);
        }
        else
        {
            index = KnowledgeIndex.Open(options.IndexFolder, indexOptions, dense);
        }

        if (!options.WarmUp)
        {
            return index;
        }

        try
        {
            // Load the embedder and warm the searcher now, not on the first question.
            await Task.Run(() => index.WarmUp(cancellationToken), cancellationToken);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }
}
