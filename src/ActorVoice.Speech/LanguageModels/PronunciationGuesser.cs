using System.Diagnostics;

namespace ActorVoice.Speech.LanguageModels;

/// <summary>
/// Pronunciations for words the CMU dictionary lacks, from flite's letter-to-sound rules (the <c>t2p</c> tool of
/// the Debian package flite). flite uses the CMU phone set in lower case with stress digits, plus
/// <c>ax</c>/<c>axr</c> (schwa) and <c>pau</c>; they map onto the pocketsphinx en-us phones.
/// Short all-capital tokens (acronyms) are spelled letter by letter instead.
/// </summary>
public sealed class PronunciationGuesser
{
    public const string Tool = "t2p";

    private static readonly HashSet<string> CmuPhones = new(StringComparer.Ordinal)
    {
        "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH",
        "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH",
    };

    private readonly string? _toolPath;

    public PronunciationGuesser()
    {
        _toolPath = FindOnPath(Tool);
    }

    /// <summary>False when t2p is not installed; then out-of-dictionary words are skipped.</summary>
    public bool IsAvailable => _toolPath is not null;

    /// <summary>CMU phones for <paramref name="word"/> (lower case), or null when no usable pronunciation came out.</summary>
    public async Task<string?> GuessAsync(string word, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (_toolPath is null || word.Length == 0 || !word.All(c => char.IsLetter(c) || c == '\''))
        {
            return null;
        }

        var start = new ProcessStartInfo(_toolPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(word.Replace("'", "", StringComparison.Ordinal));
        using var process = Process.Start(start);
        if (process is null)
        {
            return null;
        }

        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode == 0 ? MapFlitePhones(output) : null;
    }

    /// <summary>Maps flite phones ("pau k ax b er1 n iy t s pau") to CMU dictionary phones ("K AH B ER N IY T S").</summary>
    public static string? MapFlitePhones(string flitePhones)
    {
        ArgumentNullException.ThrowIfNull(flitePhones);
        var phones = new List<string>();
        foreach (var raw in flitePhones.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            var phone = raw.TrimEnd('0', '1', '2').ToUpperInvariant();
            switch (phone)
            {
                case "PAU" or "H#" or "":
                    continue;
                case "AX":
                    phones.Add("AH");
                    break;
                case "AXR":
                    phones.Add("ER");
                    break;
                default:
                    if (!CmuPhones.Contains(phone))
                    {
                        return null;
                    }

                    phones.Add(phone);
                    break;
            }
        }

        return phones.Count == 0 ? null : string.Join(' ', phones);
    }

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }
}
