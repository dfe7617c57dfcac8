namespace ActorVoice.Retrieval.Dense;

/// <summary>Turns text into L2-normalised dense vectors. Implementations are thread-safe.</summary>
public interface ITextEmbedder
{
    /// <summary>Model identity written to the index manifest (a mismatch on reopen is an error).</summary>
    string ModelName { get; }

    int Dimension { get; }

    float[] Embed(string text, CancellationToken cancellationToken = default);

    IReadOnlyList<float[]> EmbedBatch(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
