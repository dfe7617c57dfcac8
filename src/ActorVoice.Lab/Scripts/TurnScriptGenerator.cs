using ActorVoice.Lab.Experiments;
using ActorVoice.Evaluation.Noise;
using ActorVoice.Text.Normalization;

namespace ActorVoice.Lab.Scripts;

/// <summary>
/// Draws the turns of a simulated experiment from its seed alone (System.Random; no clock, no hash order). A master
/// generator gives each turn its own seed, so turn N is the same whatever the number of turns. Per turn: a question,
/// the user's speech duration (word count over a jittered speaking rate), partial transcripts at the configured cadence
/// (each one the words spoken so far, corrupted afresh by the seeded noise model at the partial WER, so words change
/// between partials), the final transcript (the whole question at the final WER), and every stage latency.
/// </summary>
public sealed class TurnScriptGenerator
{
    private readonly ExperimentSettings _settings;
    private readonly IReadOnlyList<LabQuestion> _questions;
    private readonly RecognitionNoiseModel _partialNoise;
    private readonly RecognitionNoiseModel _finalNoise;

    public TurnScriptGenerator(ExperimentSettings settings, IReadOnlyList<LabQuestion> questions, SoundAlikeDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(dictionary);
        if (questions.Count == 0)
        {
            throw new ArgumentException("At least one question is needed.", nameof(questions));
        }

        _settings = settings;
        _questions = questions;
        _partialNoise = new RecognitionNoiseModel(dictionary, settings.Recognizer.PartialWordErrorRate);
        _finalNoise = new RecognitionNoiseModel(dictionary, settings.Recognizer.FinalWordErrorRate);
    }

    public IReadOnlyList<TurnScript> Generate()
    {
        var master = new Random(_settings.Seed);
        var scripts = new TurnScript[_settings.Turns];
        for (var turn = 0; turn < scripts.Length; turn++)
        {
            scripts[turn] = GenerateTurn(turn + 1, new Random(master.Next()));
        }

        return scripts;
    }

    private TurnScript GenerateTurn(int turn, Random random)
    {
        var question = _questions[random.Next(_questions.Count)];
        var words = TextNormalizer.TranscriptWords(question.Text);
        var jitter = _settings.Speech.RateJitter * ((2 * random.NextDouble()) - 1);
        var wordsPerSecond = _settings.Speech.WordsPerMinute / 60.0 * (1 + jitter);
        var speechDuration = Math.Max(words.Count, 1) / wordsPerSecond * 1000;
        var localEnd = _settings.Vad.LocalSilenceMs;
        var serviceEnd = _settings.Vad.ServiceSilenceMs;
        var partials = GeneratePartials(words, speechDuration, localEnd, random);
        var finalText = _finalNoise.Corrupt(question.Text, random);
        var recognizer = _settings.Recognizer;
        return new TurnScript
        {
            Turn = turn,
            QuestionId = question.Id,
            Question = question.Text,
            AudioFile = question.AudioFile,
            SpeechDurationMs = Ms(speechDuration),
            Partials = partials,
            SpeechEndLocalMs = Ms(localEnd),
            SpeechEndServiceMs = Ms(serviceEnd),
            FinalTranscriptMs = Ms(serviceEnd + recognizer.FinalLatency.Draw(random)),
            FinalText = finalText.Length > 0 ? finalText : TextNormalizer.Transcript(question.Text),
            FinalKnowledgeLatencyMs = Ms(_settings.Knowledge.Latency.Draw(random)),
            FirstAudioLatencyMs = Ms(_settings.Response.FirstAudioLatency.Draw(random)),
            AnswerDurationMs = Ms(_settings.Response.AnswerDuration.Draw(random)),
            BridgeFirstAudioLatencyMs = Ms(_settings.Bridge.FirstAudioLatency.Draw(random)),
            BridgeDurationMs = Ms(_settings.Bridge.Duration.Draw(random)),
        };
    }

    private List<ScriptedPartial> GeneratePartials(IReadOnlyList<string> words, double speechDuration, double localEnd, Random random)
    {
        var partials = new List<ScriptedPartial>();
        var interval = _settings.Recognizer.PartialInterval;
        var heard = 0;
        for (var elapsed = interval.Draw(random); elapsed - speechDuration < localEnd; elapsed += interval.Draw(random))
        {
            heard = (int)Math.Round(words.Count * Math.Min(1.0, elapsed / speechDuration));
            AddPartial(partials, words, heard, elapsed - speechDuration, random);
        }

        // The recognizer catches up when the engine's VAD closes the turn: its last partial covers the whole question.
        if (heard < words.Count)
        {
            AddPartial(partials, words, words.Count, localEnd, random);
        }

        return partials;
    }

    private void AddPartial(List<ScriptedPartial> partials, IReadOnlyList<string> words, int heard, double atMs, Random random)
    {
        // Both draws happen even for an empty partial, so later draws do not shift with the noise model's output.
        var text = _partialNoise.Corrupt(string.Join(' ', words.Take(heard)), random);
        var knowledgeLatency = _settings.Knowledge.Latency.Draw(random);
        if (text.Length > 0)
        {
            partials.Add(new ScriptedPartial(Ms(atMs), text, Ms(knowledgeLatency)));
        }
    }

    // One decimal keeps the CSV short; rounding is deterministic.
    private static double Ms(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
