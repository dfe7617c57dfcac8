using Akka.Configuration;

namespace ActorVoice.Lab.Experiments;

/// <summary>
/// Reads typed values under <c>experiment</c>, turning every missing or malformed value into an
/// <see cref="ExperimentConfigException"/> that names the full key.
/// </summary>
internal sealed class ExperimentKeyReader(Akka.Configuration.Config root)
{
    public const string Root = "experiment";

    public static string Key(string path) => $"{Root}.{path}";

    public string Text(string path)
    {
        var value = Read<string?>(path, "a string", p => root.GetString(p));
        return value ?? throw new ExperimentConfigException(Key(path), "is required (a string)");
    }

    public string Choice(string path, params string[] allowed)
    {
        var value = Text(path).Trim();
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new ExperimentConfigException(Key(path), $"\"{value}\" is not one of {string.Join(" | ", allowed)}");
    }

    public int Integer(string path, int min, int max)
    {
        var text = Text(path).Trim();
        if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            throw new ExperimentConfigException(Key(path), $"\"{text}\" is not a whole number");
        }

        return value < min || value > max
            ? throw new ExperimentConfigException(Key(path), $"{value} is outside {min}..{max}")
            : value;
    }

    public double Number(string path, double min, double max)
    {
        var text = Text(path).Trim();
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new ExperimentConfigException(Key(path), $"\"{text}\" is not a number");
        }

        return value < min || value > max
            ? throw new ExperimentConfigException(Key(path), $"{value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is outside {min.ToString(System.Globalization.CultureInfo.InvariantCulture)}..{max.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
            : value;
    }

    public bool Flag(string path)
    {
        var text = Text(path).Trim();
        return text switch
        {
            "true" or "on" or "yes" => true,
            "false" or "off" or "no" => false,
            _ => throw new ExperimentConfigException(Key(path), $"\"{text}\" is not true or false"),
        };
    }

    /// <summary>A non-negative duration ("300ms", "1.5s"), in milliseconds.</summary>
    public double DurationMs(string path)
    {
        Require(path, "a duration such as 300ms or 1.5s");
        var value = Read(path, "a duration such as 300ms or 1.5s", p => root.GetTimeSpan(p, null, allowInfinite: false));
        return value < TimeSpan.Zero
            ? throw new ExperimentConfigException(Key(path), "must not be negative")
            : value.TotalMilliseconds;
    }

    /// <summary>A uniform range <c>{ min, max }</c> of durations; <paramref name="positive"/> forbids a zero minimum.</summary>
    public LatencyRange Range(string path, bool positive = false)
    {
        var min = DurationMs(path + ".min");
        var max = DurationMs(path + ".max");
        if (positive && min <= 0)
        {
            throw new ExperimentConfigException(Key(path + ".min"), "must be greater than zero");
        }

        return max < min
            ? throw new ExperimentConfigException(Key(path + ".max"), $"must not be less than {Key(path + ".min")}")
            : new LatencyRange(min, max);
    }

    public IReadOnlyList<string> List(string path)
    {
        Require(path, "a list such as [a, b]");
        var values = Read<IList<string>?>(path, "a list such as [a, b]", p => root.GetStringList(p));
        return values is null || values.Count == 0
            ? throw new ExperimentConfigException(Key(path), "must list at least one value")
            : values.Select(value => value.Trim()).ToArray();
    }

    private void Require(string path, string what)
    {
        if (!root.HasPath(Key(path)))
        {
            throw new ExperimentConfigException(Key(path), $"is required ({what})");
        }
    }

    private T Read<T>(string path, string what, Func<string, T> read)
    {
        Require(path, what);
        try
        {
            return read(Key(path));
        }
        catch (Exception e) when (e is ConfigurationException or FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            throw new ExperimentConfigException(Key(path), $"is not {what}", e);
        }
    }
}
