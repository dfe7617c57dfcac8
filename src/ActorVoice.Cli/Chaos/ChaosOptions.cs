using ActorVoice.Faults;

namespace ActorVoice.Cli.Chaos;

/// <summary>
/// What a chaos run needs: the plan (already loaded and validated), the seed, how many script steps, the composed
/// HOCON, where the sample documents and questions are, and where the shared index and the run's files go.
/// </summary>
public sealed record ChaosOptions
{
    public required FaultPlan Plan { get; init; }

    /// <summary>Script steps (a barge-in step adds the interrupting speech's own turn).</summary>
    public int Turns { get; init; } = 6;

    public required Akka.Configuration.Config Config { get; init; }

    public required string DocsFolder { get; init; }

    public required string QuestionFolder { get; init; }

    /// <summary>The document index (built once, then refreshed: several runs can share it).</summary>
    public required string IndexFolder { get; init; }

    /// <summary>The run's own files (the noise burst, the answers' audio).</summary>
    public required string OutputFolder { get; init; }

    public bool Verbose { get; init; }

    /// <summary>How long the gauges may take to settle after a turn or the session (cancelled queries, closing sockets).</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
