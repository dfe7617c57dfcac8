using ActorVoice.Engine.Configuration;
using ActorVoice.Retrieval.Search;

namespace ActorVoice.Engine.Knowledge;

/// <summary>Creates the knowledge source that <c>actorvoice.engine.knowledge.source</c> names.</summary>
public static class KnowledgeSourceFactory
{
    /// <param name="settings">The engine settings (knowledge source, and retrieval top-k and timeout for the index).</param>
    /// <param name="index">The opened document index; needed when the source is <c>index</c>, ignored otherwise.</param>
    /// <remarks>With <c>knowledge.added-latency</c> above 0 the source is wrapped in a <see cref="DelayedKnowledgeSource"/>.</remarks>
    /// <exception cref="ArgumentException">The source is <c>index</c> and no index was given, or the HTTP settings are invalid.</exception>
    public static IKnowledgeSource Create(EngineSettings settings, IKnowledgeIndex? index)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var source = CreateUndelayed(settings, index);
        return settings.Knowledge.AddedLatency > TimeSpan.Zero ? new DelayedKnowledgeSource(source, settings.Knowledge.AddedLatency) : source;
    }

    private static IKnowledgeSource CreateUndelayed(EngineSettings settings, IKnowledgeIndex? index)
    {
        return settings.Knowledge.Source switch
        {
            KnowledgeSourceKind.Index => index is null
                ? throw new ArgumentException(
                    "knowledge.source = index, but no document index was opened; build one ('actorvoice index DOCS_DIR') or set knowledge.source = http.",
                    nameof(index))
                : new IndexKnowledgeSource(index, settings.Retrieval.TopK, settings.Retrieval.Timeout),
            KnowledgeSourceKind.Http => new HttpKnowledgeSource(settings.Knowledge.Http),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Knowledge.Source, "Unknown knowledge source."),
        };
    }
}
