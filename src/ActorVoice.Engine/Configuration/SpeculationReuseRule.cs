namespace ActorVoice.Engine.Configuration;

/// <summary>When a speculative result may answer the final transcript (<c>actorvoice.engine.speculation.reuse-rule</c>).</summary>
public enum SpeculationReuseRule
{
    /// <summary><c>normalized</c>: the final transcript and the speculated prefix are the same text once normalised.</summary>
    Normalized,

    /// <summary><c>stopword-extension</c>: the final transcript is a speculated prefix followed by stop words only.</summary>
    StopwordExtension,

    /// <summary>
    /// <c>same-top-k</c>: the final query runs anyway and the speculative result is used when its top-k documents equal
    /// the fresh result's. Saves no time; it measures how often speculation agrees with the final query.
    /// </summary>
    SameTopK,

    /// <summary>
    /// <c>meaning</c> (the default): a speculative result answers the final transcript when the reuse judge
    /// (<see cref="ReuseJudgeSettings"/>) says both texts mean the same, by what the built-in index retrieves for them
    /// (and optionally by sentence-embedding similarity), whatever words changed between the partials and the final.
    /// </summary>
    Meaning,
}
