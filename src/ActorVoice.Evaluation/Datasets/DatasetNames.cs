namespace ActorVoice.Evaluation.Datasets;

/// <summary>The evaluation datasets under shared/data and how to load them by name.</summary>
public static class DatasetNames
{
    public const string OrSharc = "or-sharc";
    public const string StackFaq = "stackfaq";

    public static IReadOnlyList<string> All { get; } = [OrSharc, StackFaq];

    /// <summary>Loads <paramref name="name"/> from <paramref name="dataRoot"/> (the folder holding or-sharc/ and stackfaq/).</summary>
    public static RetrievalDataset Load(string name, string dataRoot)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            OrSharc => OrSharcDatasetLoader.Load(Path.Combine(dataRoot, OrSharc)),
            StackFaq => StackFaqDatasetLoader.Load(Path.Combine(dataRoot, StackFaq)),
            _ => throw new ArgumentException($"Unknown dataset '{name}'; expected one of: {string.Join(", ", All)}.", nameof(name)),
        };
    }
}
