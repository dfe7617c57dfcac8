using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Telemetry;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Cli.Chaos.Invariants;

/// <summary>
/// Everything a chaos run observed that the invariants are checked on: the turns' results as the script received
/// them, what the session's observer saw, the truncates the server received, the transcript log, the live-resource
/// gauges and the session's children around the run, and the process's resources. Built by the runner, or by hand in
/// tests (each invariant is tested on records that break it).
/// </summary>
public sealed record ChaosRecord
{
    /// <summary>The turns' results in the order the script received them.</summary>
    public IReadOnlyList<ObservedTurn> Turns { get; init; } = [];

    /// <summary>Steps of the script that got no result (a timeout, a session that could not start), each described.</summary>
    public IReadOnlyList<string> MissingTurns { get; init; } = [];

    /// <summary>The numbers of the turns the observer saw start (any state notification of a turn).</summary>
    public IReadOnlyList<int> StartedTurns { get; init; } = [];

    /// <summary>Every <see cref="TurnCompleted"/> the observer received, in order.</summary>
    public IReadOnlyList<TurnResult> Completions { get; init; } = [];

    /// <summary>The session's reconnects (a truncate sent on a connection that was then lost may never arrive).</summary>
    public IReadOnlyList<SessionReconnected> Reconnects { get; init; } = [];

    /// <summary>The truncates the server received, in order.</summary>
    public IReadOnlyList<TruncateFrame> Truncates { get; init; } = [];

    /// <summary>The session's transcript log at the end of the run; null when it could not be read.</summary>
    public IReadOnlyList<TranscriptEntry>? TranscriptLog { get; init; }

    /// <summary>The log's capacity (<c>realtime.transcript-log-size</c>): older entries may have left it.</summary>
    public int TranscriptLogCapacity { get; init; } = int.MaxValue;

    /// <summary>The gauges before the session started.</summary>
    public LiveResourceSnapshot? GaugesBefore { get; init; }

    /// <summary>The gauges after each turn.</summary>
    public IReadOnlyList<TurnGauges> GaugesAfterTurns { get; init; } = [];

    /// <summary>The gauges after the session stopped.</summary>
    public LiveResourceSnapshot? GaugesAfter { get; init; }

    /// <summary>The session's children found (Identify) just before it was stopped: shows the probe works.</summary>
    public IReadOnlyList<string> ChildrenBeforeStop { get; init; } = [];

    /// <summary>The session's actors (itself, its children, its telemetry) still found after it stopped.</summary>
    public IReadOnlyList<string> ActorsAfterStop { get; init; } = [];

    /// <summary>The process's resources after the warm-up turn.</summary>
    public ResourceSample? Baseline { get; init; }

    /// <summary>The process's resources after the session stopped.</summary>
    public ResourceSample? Final { get; init; }
}
