namespace ActorVoice.Cli.Chaos.Invariants;

/// <summary>What the chaos script did in a turn.</summary>
public static class TurnKinds
{
    /// <summary>A plain question, heard out.</summary>
    public const string Question = "question";

    /// <summary>A question whose answer the user cuts into with real words.</summary>
    public const string BargeIn = "barge-in";

    /// <summary>The words that cut in: they become a turn of their own.</summary>
    public const string Interruption = "interruption";

    /// <summary>A question with a short noise burst (a cough) over its answer: a false interruption.</summary>
    public const string Noise = "noise";
}
