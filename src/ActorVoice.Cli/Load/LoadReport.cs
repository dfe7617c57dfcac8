namespace ActorVoice.Cli.Load;

/// <summary>The figures of one <c>bench load</c> run. Latencies in milliseconds, memory in MiB; null when not measured.</summary>
public sealed record LoadReport
{
    public required string Target { get; init; }

    public required int Sessions { get; init; }

    public required int SessionsConnected { get; init; }

    public required double DurationSeconds { get; init; }

    public required double RampSeconds { get; init; }

    /// <summary>The window the figures cover: from the end of the ramp to the end of the run.</summary>
    public required double MeasuredSeconds { get; init; }

    public required int Cores { get; init; }

    /// <summary>Where the frame latencies come from (the serve host's histogram), or why there are none.</summary>
    public required string FrameLatencySource { get; init; }

    public required long FramesMeasured { get; init; }

    public double? FrameP50Ms { get; init; }

    public double? FrameP99Ms { get; init; }

    public double? FrameMaxMs { get; init; }

    /// <summary>Client-side ping → pong round trips during the window.</summary>
    public double? PingP50Ms { get; init; }

    public double? PingP99Ms { get; init; }

    /// <summary>Process CPU time over wall time in the window, in cores (2.0 = both cores of a 2-core machine busy).</summary>
    public required double CpuCores { get; init; }

    /// <summary><see cref="CpuCores"/> over the machine's cores, in percent.</summary>
    public required double CpuPercent { get; init; }

    public required double BaselineWorkingSetMb { get; init; }

    public required double WorkingSetMb { get; init; }

    public required double PeakWorkingSetMb { get; init; }

    /// <summary>(working set with the sessions open − baseline before any client) / connected sessions.</summary>
    public double? WorkingSetPerSessionMb { get; init; }

    /// <summary>(managed heap after a full GC with the sessions open − the same before any client) / connected sessions.</summary>
    public double? ManagedPerSessionMb { get; init; }

    public required long FramesSent { get; init; }

    public required double AudioReceivedSeconds { get; init; }

    public required int TurnsCompleted { get; init; }

    /// <summary>Turns whose outcome was "answered" (this includes "did not catch that" for a turn not transcribed).</summary>
    public required int TurnsAnswered { get; init; }

    /// <summary>Answered turns whose first source was the document that answers the question asked (the manifest's).</summary>
    public required int TurnsRightDocument { get; init; }

    /// <summary>Error events the server sent.</summary>
    public required int ErrorEvents { get; init; }

    /// <summary>Clients that could not connect or were closed by the server.</summary>
    public required int ClientFailures { get; init; }

    /// <summary>Up to five distinct failure reasons.</summary>
    public required IReadOnlyList<string> FailureSamples { get; init; }
}
