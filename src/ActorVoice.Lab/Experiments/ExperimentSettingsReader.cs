using ActorVoice.Config;
using Akka.Configuration;

namespace ActorVoice.Lab.Experiments;

/// <summary>
/// Reads an experiment file over the lab's defaults (hocon/experiments/defaults/lab-defaults.conf, embedded) and
/// validates it once. Every error is an <see cref="ExperimentConfigException"/> naming the full key.
/// </summary>
public static class ExperimentSettingsReader
{
    private const string DefaultsResource = "ActorVoice.Lab.defaults.conf";

    /// <summary>The lab's embedded defaults.</summary>
    public static Akka.Configuration.Config DefaultConfig() =>
        HoconConfig.FromResource(typeof(ExperimentSettingsReader).Assembly, DefaultsResource);

    public static ExperimentSettings ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Experiment file not found: {path}", path);
        }

        return Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path));
    }

    public static ExperimentSettings Parse(string hocon, string name)
    {
        ArgumentNullException.ThrowIfNull(hocon);
        Akka.Configuration.Config config;
        try
        {
            config = ConfigurationFactory.ParseString(hocon);
        }
        catch (Exception e) when (e is ConfigurationException or FormatException or InvalidOperationException)
        {
            throw new ExperimentConfigException(ExperimentKeyReader.Root, $"the experiment '{name}' is not valid HOCON: {e.Message}", e);
        }

        return Read(config, name);
    }

    public static ExperimentSettings Read(Akka.Configuration.Config config, string name)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var keys = new ExperimentKeyReader(config.WithFallback(DefaultConfig()));
        var mode = keys.Choice("mode", "simulated", "live") == "live" ? ExperimentMode.Live : ExperimentMode.Simulated;
        return new ExperimentSettings
        {
            Name = name,
            Mode = mode,
            Seed = keys.Integer("seed", int.MinValue, int.MaxValue),
            Turns = keys.Integer("turns", 1, 1_000_000),
            Strategies = ReadStrategies(keys),
            Knowledge = ReadKnowledge(keys, mode),
            Questions = ReadQuestions(keys),
            Speech = new SpeechSettings(
                keys.Number("speech.words-per-minute", 30, 400),
                keys.Number("speech.rate-jitter", 0, 0.9)),
            Vad = new VadSettings(keys.DurationMs("vad.local-silence"), keys.DurationMs("vad.service-silence")),
            Recognizer = new RecognizerSettings(
                keys.Range("recognizer.partial-interval", positive: true),
                keys.Number("recognizer.partial-wer", 0, 1),
                keys.Number("recognizer.final-wer", 0, 1),
                keys.Range("recognizer.final-latency"),
                keys.Text("recognizer.pronunciation-dictionary")),
            Speculation = new SpeculationSettings(
                keys.DurationMs("speculation.debounce"),
                keys.Integer("speculation.min-words", 1, 100),
                keys.Integer("speculation.max-in-flight", 1, 100),
                keys.Integer("speculation.reuse-top-k", 1, 100)),
            Response = new ResponseSettings(keys.Range("response.first-audio-latency"), keys.Range("response.answer-duration")),
            Bridge = new BridgeSettings(keys.DurationMs("bridge.delay"), keys.Range("bridge.first-audio-latency"), keys.Range("bridge.duration")),
        };
    }

    private static StrategyName[] ReadStrategies(ExperimentKeyReader keys)
    {
        const string path = "strategies";
        var strategies = new List<StrategyName>();
        foreach (var name in keys.List(path))
        {
            if (!StrategyName.TryParse(name, out var strategy, out var problem))
            {
                throw new ExperimentConfigException(ExperimentKeyReader.Key(path), problem);
            }

            if (strategies.Any(known => known.Name == strategy!.Name))
            {
                throw new ExperimentConfigException(ExperimentKeyReader.Key(path), $"\"{name}\" is listed twice");
            }

            strategies.Add(strategy!);
        }

        return [.. strategies];
    }

    private static KnowledgeSettings ReadKnowledge(ExperimentKeyReader keys, ExperimentMode mode)
    {
        var source = keys.Choice("knowledge.source", "simulated", "index", "http") switch
        {
            "index" => KnowledgeSourceKind.Index,
            "http" => KnowledgeSourceKind.Http,
            _ => KnowledgeSourceKind.Simulated,
        };
        var url = keys.Text("knowledge.url").Trim();
        if (source == KnowledgeSourceKind.Http
            && !string.Equals(url, KnowledgeSettings.EmbeddedUrl, StringComparison.OrdinalIgnoreCase)
            && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            throw new ExperimentConfigException(
                ExperimentKeyReader.Key("knowledge.url"), $"an http knowledge source needs an absolute URL, or \"{KnowledgeSettings.EmbeddedUrl}\" (a knowledge server over the built-in index, started in process)");
        }

        if (mode == ExperimentMode.Live && source == KnowledgeSourceKind.Simulated)
        {
            throw new ExperimentConfigException(ExperimentKeyReader.Key("knowledge.source"), "a live experiment needs a real source: index or http");
        }

        return new KnowledgeSettings(source, url, keys.Range("knowledge.latency"));
    }

    private static QuestionSettings ReadQuestions(ExperimentKeyReader keys)
    {
        const string path = "questions.sets";
        var sets = new List<QuestionSet>();
        foreach (var name in keys.List(path))
        {
            var set = name switch
            {
                "samples" => QuestionSet.Samples,
                "or-sharc" => QuestionSet.OrSharc,
                _ => throw new ExperimentConfigException(ExperimentKeyReader.Key(path), $"\"{name}\" is not one of samples | or-sharc"),
            };
            if (!sets.Contains(set))
            {
                sets.Add(set);
            }
        }

        return new QuestionSettings(
            sets,
            keys.Text("questions.samples-file"),
            keys.Text("questions.samples-docs"),
            keys.Text("questions.or-sharc-folder"),
            keys.Flag("questions.or-sharc-spoken"));
    }
}
