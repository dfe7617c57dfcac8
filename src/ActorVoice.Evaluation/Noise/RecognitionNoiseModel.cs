using ActorVoice.Text.Normalization;

namespace ActorVoice.Evaluation.Noise;

/// <summary>
/// Simulates speech-recognition errors at a target word error rate. The text is first turned into what a
/// recogniser prints (lower-case words, no punctuation). Then each word is, independently, substituted with
/// probability 0.8 × WER by a sound-alike from the CMU dictionary (homophones or same-length words one phone
/// away when there are any, else a word one phone longer or shorter; a word with no sound-alike, e.g. a number,
/// is dropped instead), deleted with probability 0.1 × WER, and followed by an inserted short function word
/// with probability 0.1 × WER. The same seed gives the same transcripts.
/// </summary>
public sealed class RecognitionNoiseModel
{
    public const double SubstitutionShare = 0.8;
    public const double DeletionShare = 0.1;
    public const double InsertionShare = 0.1;

    // Recognisers mostly insert short, acoustically weak words.
    private static readonly string[] InsertedWords = ["a", "the", "and", "to", "of", "in", "it", "is", "i", "that"];

    private readonly SoundAlikeDictionary dictionary;

    public RecognitionNoiseModel(SoundAlikeDictionary dictionary, double targetWordErrorRate)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        ArgumentOutOfRangeException.ThrowIfNegative(targetWordErrorRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetWordErrorRate, 1.0);
        this.dictionary = dictionary;
        TargetWordErrorRate = targetWordErrorRate;
    }

    public double TargetWordErrorRate { get; }

    public string Corrupt(string text, Random random)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(random);
        var words = TextNormalizer.TranscriptWords(text);
        var output = new List<string>(words.Count + 2);
        var substitution = SubstitutionShare * TargetWordErrorRate;
        var deletion = DeletionShare * TargetWordErrorRate;
        var insertion = InsertionShare * TargetWordErrorRate;
        foreach (var word in words)
        {
            var draw = random.NextDouble();
            if (draw < substitution)
            {
                var replacement = PickSoundAlike(word, random);
                if (replacement is not null)
                {
                    output.Add(replacement);
                }
            }
            else if (draw >= substitution + deletion)
            {
                output.Add(word);
            }

            if (random.NextDouble() < insertion)
            {
                output.Add(InsertedWords[random.Next(InsertedWords.Length)]);
            }
        }

        return string.Join(' ', output);
    }

    /// <summary>Corrupts every text with one generator seeded by <paramref name="seed"/>, in order.</summary>
    public IReadOnlyList<string> CorruptAll(IReadOnlyList<string> texts, int seed)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var random = new Random(seed);
        return texts.Select(text => Corrupt(text, random)).ToArray();
    }

    private string? PickSoundAlike(string word, Random random)
    {
        var neighbours = dictionary.Neighbours(word);
        var pool = neighbours.SameLength.Count > 0 ? neighbours.SameLength : neighbours.OtherLength;
        return pool.Count == 0 ? null : pool[random.Next(pool.Count)];
    }
}
