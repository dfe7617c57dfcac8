using System.Diagnostics;
using ActorVoice.Audio.Files;

namespace ActorVoice.Speech.Synthesis;

/// <summary>
/// Text-to-speech through the <c>espeak-ng</c> command-line tool (one process per call, about 35 ms overhead).
/// An alternative voice to flite; needs the Debian package espeak-ng.
/// </summary>
public sealed class EspeakSynthesizer : ISpeechSynthesizer
{
    public const string Executable = "espeak-ng";

    /// <param name="voice">espeak-ng voice name, e.g. "en-us".</param>
    /// <param name="wordsPerMinute">Speaking rate.</param>
    /// <param name="outputSampleRate">Rate of the returned samples; espeak-ng itself produces 22 050 Hz.</param>
    public EspeakSynthesizer(string voice = "en-us", int wordsPerMinute = 165, int outputSampleRate = 16_000)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(voice);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(wordsPerMinute);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputSampleRate);
        Voice = voice;
        WordsPerMinute = wordsPerMinute;
        OutputSampleRate = outputSampleRate;
    }

    public string Voice { get; }

    public int WordsPerMinute { get; }

    public int OutputSampleRate { get; }

    /// <summary>True when <c>espeak-ng</c> is on the PATH.</summary>
    public static bool IsAvailable => FindOnPath(Executable) is not null;

    public async Task<SynthesizedSpeech> SynthesizeAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsLetterOrDigit))
        {
            return new SynthesizedSpeech([], OutputSampleRate);
        }

        var executable = FindOnPath(Executable)
            ?? throw new SpeechSetupException($"{Executable} was not found on the PATH: install the Debian package espeak-ng.");
        var wav = Path.Combine(Path.GetTempPath(), $"actorvoice-espeak-{Guid.NewGuid():N}.wav");
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardInput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-v", Voice, "-s", WordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", wav })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)
                ?? throw new SpeechSetupException($"{Executable} could not be started.");
            try
            {
                // Text goes through stdin so that no argument parsing (leading '-', quoting) can change its meaning.
                await process.StandardInput.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
                process.StandardInput.Close();
                var errors = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                if (process.ExitCode != 0 || !File.Exists(wav))
                {
                    throw new InvalidOperationException($"{Executable} failed with exit code {process.ExitCode}: {errors.Trim()}");
                }
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new SynthesizedSpeech(WavFile.LoadMono16(wav, OutputSampleRate), OutputSampleRate);
        }
        finally
        {
            File.Delete(wav);
        }
    }

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }
}
