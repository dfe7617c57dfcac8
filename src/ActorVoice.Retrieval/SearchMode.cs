namespace ActorVoice.Retrieval;

/// <summary>How a query is answered: one side alone or both sides fused.</summary>
public enum SearchMode
{
    /// <summary>Lucene BM25 over text, headings and the phonetic field.</summary>
    Bm25,

    /// <summary>Cosine similarity of sentence embeddings.</summary>
    Dense,

    /// <summary>Reciprocal rank fusion of the BM25 and dense rankings.</summary>
    Rrf,

    /// <summary>Weighted sum of min-max normalised BM25 and dense scores.</summary>
    Weighted,
}
