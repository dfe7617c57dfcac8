namespace ActorVoice.Retrieval.Dense;

/// <summary>How an index stores its vectors.</summary>
public enum VectorQuantization
{
    /// <summary>32-bit floats: exact cosine scores.</summary>
    None = 0,

    /// <summary>One signed byte per component plus one float scale per vector: a quarter of the memory.</summary>
    Int8 = 1,
}
