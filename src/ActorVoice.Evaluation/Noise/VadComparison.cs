using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorVoice.Audio.Files;
using ActorVoice.Audio.Vad;

namespace ActorVoice.Evaluation.Noise;

/// <summary>
/// Compares the energy VAD with the Silero VAD on the spoken questions mixed with noise. Each trial is
/// <see cref="VadBenchOptions.LeadInMs"/> of noise, one utterance, then <see cref="VadBenchOptions.TailMs"/> of noise,
/// at 24 kHz as the engine and the local server hear it, fed in 20 ms frames. Conditions: clean (no noise), then white,
/// pink, babble and "echo" (pink noise plus the assistant's answer, another synthesised question, playing through the
/// lead-in at <see cref="VadBenchOptions.EchoDb"/> below the speech, as a speaker heard by the microphone) at each SNR.
/// The noise and echo are seeded per trial, so a run is repeatable and both detectors hear the very same audio.
/// </summary>
public static class VadComparison
{
    private const int SampleRate = 24_000;
    private const int FrameSamples = SampleRate / 50;
    private const int BabbleTalkers = 4;
    private static readonly string[] Manifests = ["manifest.json", "interruptions.json"];
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static VadComparisonReport Run(VadBenchOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var utterances = LoadUtterances(options.QuestionsFolder);
        var (babbleSources, babbleSource) = LoadBabble(options.BabbleFolder, utterances);
        var model = SileroVadModel.Shared(options.SileroModel);
        var parameters = new VadParameters(options.EnergyThresholdDbfs, PrefixPaddingMs: 0, options.SilenceMs, options.MinSpeechMs);
        var thresholds = new SileroThresholds(options.SileroStart, options.SileroEnd);

        var conditions = new List<(string Noise, double? Snr)> { ("clean", null) };
        foreach (var snr in options.SnrDb)
        {
            conditions.AddRange([("white", snr), ("pink", snr), ("babble", snr), ("echo", snr)]);
        }

        var scores = new Dictionary<(string Vad, string Noise, double? Snr), List<VadTrialScore>>();
        var energyCpu = TimeSpan.Zero;
        var sileroCpu = TimeSpan.Zero;
        long audioMs = 0;
        for (var c = 0; c < conditions.Count; c++)
        {
            var (noise, snr) = conditions[c];
            progress?.Invoke($"VAD bench: {noise}{(snr is { } s ? $" at {s:0.#} dB SNR" : "")} ({c + 1}/{conditions.Count})");
            var trials = new List<(short[] Mixed, IReadOnlyList<SpeechSegment> Reference)>();
            for (var u = 0; u < utterances.Count; u++)
            {
                var random = new Random(HashCode.Combine(options.Seed, c, u) & int.MaxValue);
                var echo = utterances[(u + 7) % utterances.Count].Samples;
                var trial = BuildTrial(utterances[u].Samples, noise, snr, echo, babbleSources, options, random);
                trials.Add(trial);
                audioMs += trial.Mixed.Length * 1000L / SampleRate;
            }

            // Each detector runs over the whole condition in one go, timed by the process's CPU time (not the wall
            // clock, which a busy machine inflates); the detection runs on this thread (the model uses one thread).
            energyCpu += Timed(() =>
            {
                foreach (var (mixed, reference) in trials)
                {
                    Add(scores, ("energy", noise, snr), Score(Detect(new EnergyVad(SampleRate, parameters), mixed), reference, options));
                }
            });
            sileroCpu += Timed(() =>
            {
                foreach (var (mixed, reference) in trials)
                {
                    using var silero = new SileroVad(model, SampleRate, parameters, thresholds);
                    Add(scores, ("silero", noise, snr), Score(Detect(silero, mixed), reference, options));
                }
            });
        }

        var rows = scores.Select(pair => Summarise(pair.Key.Vad, pair.Key.Noise, pair.Key.Snr, pair.Value)).ToList();
        var audioSeconds = Math.Max(1, audioMs / 1000.0);
        return new VadComparisonReport(
            rows,
            utterances.Count,
            babbleSource,
            energyCpu.TotalMilliseconds / audioSeconds,
            sileroCpu.TotalMilliseconds / audioSeconds,
            options);
    }

    /// <summary>The rows as a fixed-width table, per condition the two detectors one under the other.</summary>
    public static string FormatTable(VadComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Options;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"VAD bench: {report.Utterances} utterances per condition, {o.LeadInMs} ms noise before and {o.TailMs} ms after each; "
            + $"speech at {(o.SpeechDbfs is { } level ? $"{level:0.#} dBFS" : "its recorded level")}; silence window {o.SilenceMs} ms, min speech {o.MinSpeechMs} ms; energy {o.EnergyThresholdDbfs:0.#} dBFS, "
            + $"silero {o.SileroStart:0.##}/{o.SileroEnd:0.##}; echo {o.EchoDb:0.#} dB; missed end after {o.EndWindowMs} ms; seed {o.Seed}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Babble from: {report.BabbleSource}");
        text.AppendLine();
        text.AppendLine("condition     vad     trials  false-barge-ins  early-ends  missed-ends  missed-speech  end-latency p50/p90 ms");
        foreach (var row in report.Rows.OrderBy(r => ConditionOrder(r.Noise)).ThenByDescending(r => r.SnrDb ?? double.MaxValue).ThenBy(r => r.Vad, StringComparer.Ordinal))
        {
            var condition = row.SnrDb is { } snr ? $"{row.Noise} {snr:0.#}dB" : row.Noise;
            var latency = row.MedianEndLatencyMs is { } p50 ? $"{p50:0}/{row.P90EndLatencyMs:0}" : "-";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{condition,-13} {row.Vad,-7} {row.Trials,6}  {row.FalseBargeIns,15}  {row.EarlyEnds,10}  {row.MissedEnds,11}  {row.MissedSpeech,13}  {latency,22}");
        }

        text.AppendLine();
        foreach (var vad in new[] { "energy", "silero" })
        {
            var noisy = report.Rows.Where(r => r.Vad == vad && r.SnrDb is not null).ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{vad,-7} all noisy conditions: false barge-ins {noisy.Sum(r => r.FalseBargeIns)}, early ends {noisy.Sum(r => r.EarlyEnds)}, "
                + $"missed ends {noisy.Sum(r => r.MissedEnds)}, missed speech {noisy.Sum(r => r.MissedSpeech)} of {noisy.Sum(r => r.Trials)} trials");
        }

        text.Append(CultureInfo.InvariantCulture,
            $"CPU time per second of audio (process CPU, one stream): energy {report.EnergyCpuMsPerAudioSecond:0.00} ms, silero {report.SileroCpuMsPerAudioSecond:0.00} ms");
        return text.ToString();
    }

    public static string ToJson(VadComparisonReport report) =>
        JsonSerializer.Serialize(report, Json);

    /// <summary>Mixes one trial: noise at <paramref name="snr"/> below the utterance's active level; returns the audio and the reference segments.</summary>
    internal static (short[] Mixed, IReadOnlyList<SpeechSegment> Reference) BuildTrial(
        short[] utterance, string noise, double? snr, short[] echo, IReadOnlyList<short[]> babble, VadBenchOptions options, Random random)
    {
        var lead = options.LeadInMs * SampleRate / 1000;
        var length = lead + utterance.Length + (options.TailMs * SampleRate / 1000);
        var clean = new short[length];
        utterance.CopyTo(clean, lead);
        var reference = SpeechActivity.Segments(clean, SampleRate, options.SilenceMs);
        var recordedRms = SpeechActivity.ActiveRms(utterance, SampleRate);
        var speechGain = options.SpeechDbfs is { } dbfs ? Math.Pow(10, dbfs / 20) / Math.Max(1e-6, recordedRms) : 1;
        var speechRms = recordedRms * speechGain;
        var mix = new float[length];
        for (var i = 0; i < utterance.Length; i++)
        {
            mix[lead + i] = (float)(utterance[i] / 32768.0 * speechGain);
        }

        if (snr is { } snrDb)
        {
            var background = noise switch
            {
                "white" => NoiseSignals.White(length, random),
                "babble" => NoiseSignals.Babble(babble, BabbleTalkers, length, random),
                _ => NoiseSignals.Pink(length, random),
            };
            var gain = (float)(speechRms / Math.Pow(10, snrDb / 20));
            for (var i = 0; i < length; i++)
            {
                mix[i] += background[i] * gain;
            }

            if (noise == "echo")
            {
                // The answer plays from 200 ms until 300 ms before the user speaks (playback then stops), looped if short.
                var echoRms = SpeechActivity.ActiveRms(echo, SampleRate);
                var echoGain = (float)(speechRms * Math.Pow(10, options.EchoDb / 20) / Math.Max(1e-6, echoRms));
                var from = SampleRate / 5;
                var to = lead - (SampleRate * 3 / 10);
                for (var i = from; i < to; i++)
                {
                    mix[i] += echo[(i - from) % echo.Length] / 32768f * echoGain;
                }
            }
        }

        var mixed = new short[length];
        for (var i = 0; i < length; i++)
        {
            mixed[i] = (short)Math.Clamp(MathF.Round(mix[i] * 32768f), short.MinValue, short.MaxValue);
        }

        return (mixed, reference);
    }

    private static List<DetectedTransition> Detect(IVoiceActivityDetector vad, short[] audio)
    {
        var found = new List<DetectedTransition>();
        for (var offset = 0; offset < audio.Length; offset += FrameSamples)
        {
            var frame = audio.AsSpan(offset, Math.Min(FrameSamples, audio.Length - offset));
            var transitions = vad.Process(frame);
            var emittedMs = (offset + frame.Length) * 1000L / SampleRate;
            found.AddRange(transitions.Select(t => new DetectedTransition(t.Kind, t.AudioMs, emittedMs)));
        }

        return found;
    }

    private static TimeSpan Timed(Action work)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        work();
        process.Refresh();
        return process.TotalProcessorTime - before;
    }

    private static VadTrialScore Score(List<DetectedTransition> transitions, IReadOnlyList<SpeechSegment> reference, VadBenchOptions options) =>
        VadTrialScorer.Score(transitions, reference, options.EndWindowMs);

    private static void Add(Dictionary<(string, string, double?), List<VadTrialScore>> scores, (string, string, double?) key, VadTrialScore score)
    {
        if (!scores.TryGetValue(key, out var list))
        {
            scores[key] = list = [];
        }

        list.Add(score);
    }

    private static VadComparisonRow Summarise(string vad, string noise, double? snr, List<VadTrialScore> scores)
    {
        var latencies = scores.Where(s => s.EndLatencyMs is not null).Select(s => (double)s.EndLatencyMs!.Value).Order().ToList();
        return new VadComparisonRow(
            vad, noise, snr, scores.Count,
            scores.Sum(s => s.FalseBargeIns),
            scores.Count(s => s.EarlyEnd),
            scores.Count(s => s.MissedEnd),
            scores.Count(s => s.MissedSpeech),
            Percentile(latencies, 0.5),
            Percentile(latencies, 0.9));
    }

    private static double? Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int ConditionOrder(string noise) => noise switch
    {
        "clean" => 0,
        "white" => 1,
        "pink" => 2,
        "babble" => 3,
        _ => 4,
    };

    private static List<(string Id, short[] Samples)> LoadUtterances(string folder)
    {
        var manifests = Manifests.Select(f => Path.Combine(folder, f)).Where(File.Exists).ToList();
        if (manifests.Count == 0)
        {
            throw new FileNotFoundException($"No manifest.json in '{folder}': the VAD bench needs the spoken questions (samples/questions).");
        }

        var utterances = new List<(string, short[])>();
        foreach (var manifest in manifests)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            foreach (var entry in json.RootElement.EnumerateArray())
            {
                var file = entry.GetProperty("file").GetString()
                    ?? throw new InvalidDataException($"{manifest}: an entry has no 'file'.");
                var id = entry.TryGetProperty("id", out var idElement) ? idElement.GetString() ?? file : file;
                utterances.Add((id, WavFile.LoadMono16(Path.Combine(folder, file), SampleRate)));
            }
        }

        return utterances;
    }

    private static (IReadOnlyList<short[]> Sources, string Description) LoadBabble(string? folder, List<(string Id, short[] Samples)> utterances)
    {
        if (!string.IsNullOrWhiteSpace(folder) && Directory.Exists(folder))
        {
            var files = Directory.GetFiles(folder, "*.wav").Order(StringComparer.Ordinal).ToList();
            if (files.Count > 0)
            {
                return ([.. files.Select(f => WavFile.LoadMono16(f, SampleRate))], $"{files.Count} recordings in {folder} ({BabbleTalkers} talkers at once)");
            }
        }

        return ([.. utterances.Select(u => u.Samples)], $"the sample questions themselves ({BabbleTalkers} talkers at once; {folder ?? "no babble folder"} not found)");
    }
}
