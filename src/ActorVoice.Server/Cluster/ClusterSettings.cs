using ActorVoice.Config;

namespace ActorVoice.Server.Cluster;

/// <summary>
/// Typed settings of cluster mode, read once from <c>actorvoice.cluster</c>; every default is in the embedded reference
/// config (hocon/reference/cluster.conf).
/// </summary>
public sealed record ClusterSettings
{
    private static readonly SettingsSource<ClusterSettings> Source =
        new(typeof(ClusterSettings).Assembly, "ActorVoice.Server.cluster.conf", "actorvoice.cluster");

    /// <summary>The role of a node that accepts client WebSockets.</summary>
    public const string FrontRole = "front";

    /// <summary>The role of a node that hosts voice sessions.</summary>
    public const string SessionsRole = "sessions";

    /// <summary>The shard region's name (the same on every node).</summary>
    public const string RegionName = "voice-sessions";

    /// <summary>The actor system's name, which every node of one cluster shares.</summary>
    public const string SystemName = "actorvoice";

    public required bool Enabled { get; init; }

    public required string Hostname { get; init; }

    [SettingRange(0, 65535)]
    public required int Port { get; init; }

    public required IReadOnlyList<string> SeedNodes { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    [Positive]
    public required int NumberOfShards { get; init; }

    public required FailureDetectionSettings FailureDetection { get; init; }

    public required SplitBrainSettings SplitBrainResolver { get; init; }

    [Positive]
    public required TimeSpan HandoverNotice { get; init; }

    [Positive]
    public required TimeSpan TranscriptTimeout { get; init; }

    [Positive]
    public required TimeSpan ReattachInterval { get; init; }

    public bool IsFront => Roles.Contains(FrontRole);

    public bool HostsSessions => Roles.Contains(SessionsRole);

    /// <summary>The settings of the reference config alone.</summary>
    public static ClusterSettings Reference => Source.Reference;

    /// <summary>The embedded reference config, parsed once.</summary>
    public static Akka.Configuration.Config DefaultConfig() => Source.ReferenceConfig;

    /// <summary>Reads <c>actorvoice.cluster</c> of <paramref name="root"/>, falling back to the reference config.</summary>
    /// <exception cref="InvalidSettingException">A value is malformed or out of range; the message names its key.</exception>
    public static ClusterSettings Create(Akka.Configuration.Config root)
    {
        var settings = Source.Read(root);
        foreach (var role in settings.Roles)
        {
            if (role is not (FrontRole or SessionsRole))
            {
                throw new InvalidSettingException("actorvoice.cluster.roles", $"unknown role \"{role}\" (front, sessions).");
            }
        }

        if (settings.Enabled && settings.Roles.Count == 0)
        {
            throw new InvalidSettingException("actorvoice.cluster.roles", "a node needs at least one role (front, sessions).");
        }

        return settings;
    }
}
