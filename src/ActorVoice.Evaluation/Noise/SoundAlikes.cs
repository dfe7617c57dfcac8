namespace ActorVoice.Evaluation.Noise;

/// <summary>Words a recogniser may hear instead of a given word; see <see cref="SoundAlikeDictionary.Neighbours"/>.</summary>
public sealed record SoundAlikes(IReadOnlyList<string> SameLength, IReadOnlyList<string> OtherLength)
{
    public static SoundAlikes None { get; } = new([], []);

    public bool IsEmpty => SameLength.Count == 0 && OtherLength.Count == 0;
}
