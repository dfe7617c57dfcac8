using System.Globalization;
using ActorVoice.Config;
using Akka.Configuration;

namespace ActorVoice.Faults;

/// <summary>
/// A validated fault plan (<c>actorvoice.faults</c>): which faults to inject on which edge, and the seed of every
/// random draw. Read from a plan file over the embedded reference config (hocon/reference/faults.conf), where every
/// fault is off. A plan with <see cref="FaultSettings.Enabled"/> off injects nothing.
/// </summary>
public sealed record FaultPlan
{
    public const string Section = "actorvoice.faults";
    private static readonly SettingsSource<FaultSettings> Source =
        new(typeof(FaultPlan).Assembly, "ActorVoice.Faults.reference.conf", Section);

    public required FaultSettings Settings { get; init; }

    public required IReadOnlyList<ActorCrash> Crashes { get; init; }

    /// <summary>Where the plan came from (a file path, or "reference").</summary>
    public string Name { get; init; } = "reference";

    public bool Enabled => Settings.Enabled;

    public int Seed => Settings.Seed;

    public SocketFaults Socket => Settings.Socket;

    public ServerFaults Server => Settings.Server;

    public KnowledgeFaults Knowledge => Settings.Knowledge;

    public CaptureFaults Capture => Settings.Capture;

    public PlaybackFaults Playback => Settings.Playback;

    /// <summary>The plan that injects nothing.</summary>
    public static FaultPlan None { get; } = FromConfig(ConfigurationFactory.Empty);

    /// <summary>The embedded reference config (every fault off).</summary>
    public static Akka.Configuration.Config ReferenceConfig => Source.ReferenceConfig;

    /// <summary>This plan with another seed (the <c>--seed</c> of a run).</summary>
    public FaultPlan WithSeed(int seed) => this with { Settings = Settings with { Seed = seed } };

    /// <summary>Reads a plan file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidSettingException">A key is unknown, or a value malformed or out of range; the message names the key.</exception>
    public static FaultPlan Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Fault plan not found: {path}", path);
        }

        Akka.Configuration.Config config;
        try
        {
            config = ConfigurationFactory.ParseString(File.ReadAllText(path));
        }
        catch (Exception e) when (e is not InvalidSettingException)
        {
            throw new InvalidSettingException(Section, $"in {path} is not valid HOCON ({e.Message}).", e);
        }

        return FromConfig(config) with { Name = path };
    }

    /// <summary>Reads a plan from HOCON text (tests, <c>--set</c> overrides).</summary>
    public static FaultPlan Parse(string hocon) => FromConfig(ConfigurationFactory.ParseString(hocon ?? string.Empty));

    /// <summary>Reads <c>actorvoice.faults</c> of <paramref name="root"/> over the reference config; unknown keys are errors.</summary>
    public static FaultPlan FromConfig(Akka.Configuration.Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        RejectUnknownKeys(root);
        var settings = Source.Read(root);
        var merged = root.WithFallback(Source.ReferenceConfig);
        return new FaultPlan { Settings = settings, Crashes = ReadCrashes(merged) };
    }

    /// <summary>A misspelt key would silently inject nothing; it is refused instead, naming the key.</summary>
    private static void RejectUnknownKeys(Akka.Configuration.Config root)
    {
        if (!root.HasPath(Section))
        {
            return;
        }

        Check(root.GetConfig(Section).Root, Source.ReferenceConfig.GetConfig(Section).Root, Section);

        static void Check(Akka.Configuration.Hocon.HoconValue given, Akka.Configuration.Hocon.HoconValue known, string path)
        {
            if (!given.IsObject() || !known.IsObject())
            {
                return;
            }

            var knownItems = known.GetObject().Items;
            foreach (var (key, value) in given.GetObject().Items)
            {
                var keyPath = $"{path}.{key}";
                if (key == "crashes" && path == Section)
                {
                    continue; // a list, read and checked by ReadCrashes
                }

                if (!knownItems.TryGetValue(key, out var knownValue))
                {
                    throw new InvalidSettingException(keyPath, "is not a fault setting (see hocon/reference/faults.conf for the keys).");
                }

                Check(value, knownValue, keyPath);
            }
        }
    }

    private static List<ActorCrash> ReadCrashes(Akka.Configuration.Config merged)
    {
        var key = Section + ".crashes";
        var crashes = new List<ActorCrash>();
        var values = merged.GetValue(key);
        if (values is null || values.IsEmpty)
        {
            return crashes;
        }

        IList<Akka.Configuration.Hocon.HoconValue> items;
        try
        {
            items = values.GetArray();
        }
        catch (Exception e)
        {
            throw new InvalidSettingException(key, "must be a list of { actor = <name>, at-message = N } or { actor = <name>, after = <duration> }.", e);
        }

        for (var i = 0; i < items.Count; i++)
        {
            var itemKey = $"{key}[{i}]";
            if (!items[i].IsObject())
            {
                throw new InvalidSettingException(itemKey, "must be an object { actor = <name>, at-message = N } or { actor = <name>, after = <duration> }.");
            }

            var item = new Akka.Configuration.Config(new Akka.Configuration.Hocon.HoconRoot(items[i]));
            foreach (var (field, _) in item.AsEnumerable())
            {
                if (field is not ("actor" or "at-message" or "after"))
                {
                    throw new InvalidSettingException($"{itemKey}.{field}", "is not a crash setting (actor, at-message, after).");
                }
            }

            var actor = item.GetString("actor") ?? string.Empty;
            if (!ActorCrash.KnownActors.Contains(actor, StringComparer.Ordinal))
            {
                throw new InvalidSettingException($"{itemKey}.actor", $"= '{actor}' must be one of {string.Join(", ", ActorCrash.KnownActors)}.");
            }

            var atMessage = 0;
            if (item.HasPath("at-message"))
            {
                var text = item.GetString("at-message");
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out atMessage) || atMessage < 1)
                {
                    throw new InvalidSettingException($"{itemKey}.at-message", $"= {text} must be a whole number of at least 1.");
                }
            }

            TimeSpan? after = null;
            if (item.HasPath("after"))
            {
                var text = item.GetString("after");
                after = Durations.Parse(text) ?? throw new InvalidSettingException($"{itemKey}.after", $"= {text} is not a duration (e.g. 5s, 800ms).");
            }

            if ((atMessage > 0) == after.HasValue)
            {
                throw new InvalidSettingException(itemKey, "needs exactly one of at-message and after.");
            }

            crashes.Add(new ActorCrash(actor, atMessage, after));
        }

        return crashes;
    }

    /// <summary>HOCON durations with a unit (ms, s, m).</summary>
    private static class Durations
    {
        public static TimeSpan? Parse(string? text)
        {
            var t = (text ?? string.Empty).Trim();
            var (number, scale) = t.EndsWith("ms", StringComparison.Ordinal) ? (t[..^2], 1.0)
                : t.EndsWith('s') ? (t[..^1], 1000.0)
                : t.EndsWith('m') ? (t[..^1], 60_000.0)
                : (string.Empty, 0.0);
            return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0
                ? TimeSpan.FromMilliseconds(n * scale)
                : null;
        }
    }
}
