using ActorVoice.Cli.Chaos.Invariants;

namespace ActorVoice.Cli.Chaos;

/// <summary>
/// The scripted conversation of a chaos run, from the sample question WAVs: a plain question first (the warm-up turn
/// the resource baseline is taken after), then a question cut into with real words (barge-in), then one with a cough
/// over its answer (false interruption), and so on in that cycle. The questions have short answers, to keep the
/// answers that play in real time (the ones something is spoken over) short.
/// </summary>
public static class ChaosScript
{
    private static readonly (string Kind, string Question, string? Over, int AfterMs)[] Cycle =
    [
        (TurnKinds.Question, "q12.wav", null, 0),
        (TurnKinds.BargeIn, "q07.wav", "i01.wav", 1200),
        (TurnKinds.Noise, "q28.wav", NoiseFile, 900),
        (TurnKinds.Question, "q17.wav", null, 0),
        (TurnKinds.BargeIn, "q18.wav", "i02.wav", 1200),
        (TurnKinds.Noise, "q15.wav", NoiseFile, 900),
    ];

    /// <summary>Stands for the generated noise burst in <see cref="Cycle"/>.</summary>
    private const string NoiseFile = "<noise>";

    /// <summary>The first <paramref name="turns"/> steps; <paramref name="questionDir"/> holds the sample WAVs, <paramref name="noiseWav"/> the cough.</summary>
    public static IReadOnlyList<ChaosStep> Build(int turns, string questionDir, string noiseWav)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(turns);
        return Enumerable.Range(0, turns).Select(i =>
        {
            var (kind, question, over, afterMs) = Cycle[i % Cycle.Length];
            var overPath = over switch
            {
                null => null,
                NoiseFile => noiseWav,
                _ => Path.Combine(questionDir, over),
            };
            return new ChaosStep($"chaos{i + 1:00}-{kind}", kind, Path.Combine(questionDir, question), overPath, afterMs);
        }).ToList();
    }
}
