namespace ActorVoice.Retrieval.Indexing;

/// <summary>The embedding model behind the stored vectors; reopening with another model is an error.</summary>
public sealed record DenseManifest(string ModelName, int Dimension, int VectorCount);
