using System.Diagnostics;
using ActorVoice.Audio.Files;
using ActorVoice.Evaluation.WordErrors;
using ActorVoice.Speech.Recognition;

namespace ActorVoice.Evaluation.Asr;

/// <summary>
/// Runs a recognizer over WAV files the way the server does: 20 ms chunks, reading the partial hypothesis after
/// each chunk, then the final one. Decode time excludes WAV loading.
/// </summary>
public static class AsrBenchmark
{
    public static readonly TimeSpan ChunkDuration = TimeSpan.FromMilliseconds(20);

    public static AsrBenchmarkResult Run(IStreamingRecognizer recognizer, IEnumerable<AsrSample> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        ArgumentNullException.ThrowIfNull(samples);
        var results = new List<AsrUtteranceResult>();
        foreach (var sample in samples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var audio = WavFile.LoadMono16(sample.WavPath, recognizer.SampleRate);
            results.Add(RunOne(recognizer, sample, audio, cancellationToken));
        }

        return new AsrBenchmarkResult(results);
    }

    /// <summary>Decodes one clip already loaded at <see cref="IStreamingRecognizer.SampleRate"/>.</summary>
    public static AsrUtteranceResult RunOne(IStreamingRecognizer recognizer, AsrSample sample, short[] audio, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(audio);
        var chunk = (int)(recognizer.SampleRate * ChunkDuration.TotalSeconds);
        var partials = 0;
        TimeSpan? firstPartialAt = null;
        var previous = "";
        var stopwatch = Stopwatch.StartNew();
        recognizer.StartUtterance();
        for (var offset = 0; offset < audio.Length; offset += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = Math.Min(chunk, audio.Length - offset);
            var partial = recognizer.Process(audio.AsSpan(offset, length));
            if (partial.Length > 0 && !string.Equals(partial, previous, StringComparison.Ordinal))
            {
                partials++;
                firstPartialAt ??= TimeSpan.FromSeconds((offset + length) / (double)recognizer.SampleRate);
            }

            previous = partial;
        }

        var hypothesis = recognizer.EndUtterance();
        stopwatch.Stop();
        return new AsrUtteranceResult(
            sample,
            hypothesis,
            WordErrorRate.Compute(sample.ReferenceText, hypothesis),
            TimeSpan.FromSeconds(audio.Length / (double)recognizer.SampleRate),
            stopwatch.Elapsed,
            partials,
            firstPartialAt);
    }
}
