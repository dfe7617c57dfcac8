namespace ActorVoice.Evaluation.WordErrors;

/// <summary>Edit operations between a reference and a hypothesis word sequence.</summary>
public sealed record WordErrorCount(int Substitutions, int Deletions, int Insertions, int ReferenceWords)
{
    public static WordErrorCount Zero { get; } = new(0, 0, 0, 0);

    public int Errors => Substitutions + Deletions + Insertions;

    /// <summary>Errors / reference words; 0 for an empty reference matched exactly, 1 per inserted word otherwise.</summary>
    public double Rate => ReferenceWords == 0 ? Errors : Errors / (double)ReferenceWords;

    public static WordErrorCount operator +(WordErrorCount left, WordErrorCount right) => Add(left, right);

    public static WordErrorCount Add(WordErrorCount left, WordErrorCount right) => new(
        left.Substitutions + right.Substitutions,
        left.Deletions + right.Deletions,
        left.Insertions + right.Insertions,
        left.ReferenceWords + right.ReferenceWords);
}
