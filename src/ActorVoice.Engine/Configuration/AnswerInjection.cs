namespace ActorVoice.Engine.Configuration;

/// <summary>How the retrieved knowledge reaches the realtime model.</summary>
public enum AnswerInjection
{
    /// <summary>ActorVoice composes the answer and has it read out verbatim (a system message + response.create).</summary>
    Verbatim,

    /// <summary>The retrieved passages go in as a system message; response.create instructs the model to answer from them.</summary>
    Passages,

    /// <summary><c>search_knowledge</c> is offered as a function tool; the model calls it and ActorVoice returns the (speculative when possible) result.</summary>
    Tool,
}
