using System.Globalization;
using System.Reflection;
using System.Text;

namespace ActorVoice.Config;

/// <summary>
/// Reads a HOCON section into a typed settings record, once. Each settable public property is read from the key that is
/// its name in kebab case (<c>VadSilenceDuration</c> ← <c>vad-silence-duration</c>, or <see cref="SettingKeyAttribute"/>),
/// by its type: text, bool, int, double, float, duration, list of text, enum (kebab-case names) or a nested record
/// (a sub-section). Every key must be present: the defaults live in the embedded reference config, nowhere else.
/// A value that is missing, malformed or out of range (<see cref="SettingRangeAttribute"/>, <see cref="PositiveAttribute"/>,
/// <see cref="OneOfAttribute"/>; durations are never negative) throws <see cref="InvalidSettingException"/> naming the key.
/// </summary>
public static class SettingsBinder
{
    /// <summary>Reads the section at <paramref name="path"/> (e.g. <c>actorvoice.engine</c>) of <paramref name="config"/>.</summary>
    public static T Bind<T>(Akka.Configuration.Config config, string path)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!config.HasPath(path))
        {
            throw new InvalidSettingException(path, "is missing.");
        }

        return (T)BindSection(typeof(T), config.GetConfig(path), path);
    }

    /// <summary><c>VadSilenceDuration</c> → <c>vad-silence-duration</c>; digits stay with the word before them (<c>Bm25K1</c> → <c>bm25-k1</c>).</summary>
    public static string KebabCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                key.Append('-');
            }

            key.Append(char.ToLowerInvariant(c));
        }

        return key.ToString();
    }

    private static object BindSection(Type type, Akka.Configuration.Config section, string path)
    {
        var instance = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"{type.Name} needs a parameterless constructor to be read from {path}.");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true })
            {
                continue; // derived values (e.g. IsEmbedded) are not configured
            }

            var key = property.GetCustomAttribute<SettingKeyAttribute>()?.Key ?? KebabCase(property.Name);
            var fullKey = path + "." + key;
            if (!section.HasPath(key))
            {
                throw new InvalidSettingException(fullKey, "is missing (the reference config gives every setting a default).");
            }

            property.SetValue(instance, Read(property, section, key, fullKey));
        }

        return instance;
    }

    private static object Read(PropertyInfo property, Akka.Configuration.Config section, string key, string fullKey)
    {
        var type = property.PropertyType;
        object value;
        try
        {
            value = ReadValue(type, section, key, fullKey);
        }
        catch (Exception e) when (e is not InvalidSettingException)
        {
            throw new InvalidSettingException(fullKey, $"= {Raw(section, key)} is not {Describe(type)} ({e.Message}).", e);
        }

        Check(property, value, fullKey);
        return property.GetCustomAttribute<HomePathAttribute>() is not null ? ExpandHome((string)value) : value;
    }

    private static object ReadValue(Type type, Akka.Configuration.Config section, string key, string fullKey)
    {
        if (type == typeof(string))
        {
            return section.GetString(key) ?? string.Empty;
        }

        if (type == typeof(bool))
        {
            return section.GetBoolean(key);
        }

        if (type == typeof(int))
        {
            return int.Parse(section.GetString(key), NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        if (type == typeof(double))
        {
            return double.Parse(section.GetString(key), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (type == typeof(float))
        {
            return float.Parse(section.GetString(key), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (type == typeof(TimeSpan))
        {
            return ParseDuration(section.GetString(key));
        }

        if (type == typeof(IReadOnlyList<string>))
        {
            return section.GetStringList(key).ToList();
        }

        if (type.IsEnum)
        {
            return ParseEnum(type, section.GetString(key), fullKey);
        }

        if (type.IsClass)
        {
            return BindSection(type, section.GetConfig(key), fullKey);
        }

        throw new NotSupportedException($"{type.Name} settings cannot be read from HOCON.");
    }

    /// <summary>
    /// HOCON durations: a number and a unit (ms, s, m, h, d and their long forms). Akka's own reader takes any text it
    /// cannot read as milliseconds or throws without the key; this one rejects it.
    /// </summary>
    private static TimeSpan ParseDuration(string text)
    {
        var trimmed = text.Trim();
        var split = 0;
        while (split < trimmed.Length && (char.IsDigit(trimmed[split]) || trimmed[split] is '.' or '-'))
        {
            split++;
        }

        if (!double.TryParse(trimmed[..split], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            throw new FormatException("it does not start with a number");
        }

        var unit = trimmed[split..].Trim();
        var milliseconds = unit switch
        {
            "ms" or "millisecond" or "milliseconds" => 1.0,
            "s" or "second" or "seconds" => 1000.0,
            "m" or "minute" or "minutes" => 60_000.0,
            "h" or "hour" or "hours" => 3_600_000.0,
            "d" or "day" or "days" => 86_400_000.0,
            _ => throw new FormatException($"the unit '{unit}' is none of ms, s, m, h or d"),
        };
        return TimeSpan.FromMilliseconds(number * milliseconds);
    }

    private static object ParseEnum(Type type, string text, string fullKey)
    {
        var names = Enum.GetNames(type);
        foreach (var name in names)
        {
            if (string.Equals(KebabCase(name), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse(type, name);
            }
        }

        throw new InvalidSettingException(fullKey, $"= '{text}' must be one of {string.Join(", ", names.Select(KebabCase))}.");
    }

    private static void Check(PropertyInfo property, object value, string fullKey)
    {
        if (value is string text && property.GetCustomAttribute<OneOfAttribute>() is { } oneOf
            && !oneOf.Choices.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidSettingException(fullKey, $"= '{text}' must be one of {string.Join(", ", oneOf.Choices)}.");
        }

        var number = value switch
        {
            int i => i,
            double d => d,
            float f => f,
            TimeSpan t => t.TotalSeconds,
            _ => (double?)null,
        };
        if (number is not { } n)
        {
            return;
        }

        var shown = value is TimeSpan span
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds}ms")
            : Convert.ToString(value, CultureInfo.InvariantCulture);
        if (property.GetCustomAttribute<PositiveAttribute>() is not null && n <= 0)
        {
            throw new InvalidSettingException(fullKey, $"= {shown} must be above zero.");
        }

        if (value is TimeSpan && n < 0)
        {
            throw new InvalidSettingException(fullKey, $"= {shown} must not be negative.");
        }

        if (property.GetCustomAttribute<SettingRangeAttribute>() is { } range && (n < range.Minimum || n > range.Maximum))
        {
            var bounds = range.Maximum == double.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"at least {range.Minimum}")
                : string.Create(CultureInfo.InvariantCulture, $"between {range.Minimum} and {range.Maximum}");
            throw new InvalidSettingException(fullKey, $"= {shown} must be {bounds}{(value is TimeSpan ? " seconds" : string.Empty)}.");
        }
    }

    private static string Raw(Akka.Configuration.Config section, string key)
    {
        try
        {
            return $"'{section.GetValue(key)}'";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return "(unreadable)";
        }
    }

    private static string Describe(Type type) =>
        type == typeof(bool) ? "on/off (true/false)"
        : type == typeof(int) ? "a whole number"
        : type == typeof(double) || type == typeof(float) ? "a number"
        : type == typeof(TimeSpan) ? "a duration such as 500ms or 10s"
        : type == typeof(IReadOnlyList<string>) ? "a list of text"
        : type.IsClass && type != typeof(string) ? "a section"
        : "text";

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
}
