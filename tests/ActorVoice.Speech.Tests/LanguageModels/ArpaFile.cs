using System.Globalization;

namespace ActorVoice.Speech.Tests.LanguageModels;

/// <summary>Minimal ARPA reader for checking what the builder writes.</summary>
internal sealed record ArpaFile(IReadOnlyDictionary<int, int> DeclaredCounts, IReadOnlyDictionary<int, List<(double LogProb, string[] Words, double? Backoff)>> Sections)
{
    public static ArpaFile Read(string path)
    {
        var declared = new Dictionary<int, int>();
        var sections = new Dictionary<int, List<(double, string[], double?)>>();
        var order = 0;
        var sawEnd = false;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line == "\\data\\")
            {
                continue;
            }

            if (line == "\\end\\")
            {
                sawEnd = true;
                break;
            }

            if (line.StartsWith("ngram ", StringComparison.Ordinal))
            {
                var parts = line[6..].Split('=');
                declared[int.Parse(parts[0], CultureInfo.InvariantCulture)] = int.Parse(parts[1], CultureInfo.InvariantCulture);
                continue;
            }

            if (line.StartsWith('\\') && line.EndsWith("-grams:", StringComparison.Ordinal))
            {
                order = int.Parse(line[1..line.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                sections[order] = [];
                continue;
            }

            var fields = line.Split('\t');
            var words = fields[1].Split(' ');
            if (words.Length != order)
            {
                throw new InvalidDataException($"{order}-gram line has {words.Length} words: {line}");
            }

            sections[order].Add((
                double.Parse(fields[0], CultureInfo.InvariantCulture),
                words,
                fields.Length > 2 ? double.Parse(fields[2], CultureInfo.InvariantCulture) : null));
        }

        if (!sawEnd)
        {
            throw new InvalidDataException("ARPA file lacks \\end\\.");
        }

        return new ArpaFile(declared, sections);
    }
}
