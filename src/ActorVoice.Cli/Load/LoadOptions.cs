namespace ActorVoice.Cli.Load;

/// <summary>What one load run does: how many simulated clients, for how long, and how fast they arrive.</summary>
public sealed record LoadOptions(int Sessions, TimeSpan Duration, TimeSpan Ramp)
{
    /// <summary>One client talks this long before the baseline is taken (zero: no warm-up).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause between a turn's end (or the wait for it giving up) and the next question.</summary>
    public TimeSpan PauseBetweenTurns { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How long a client waits for its turn to complete before it asks the next question anyway.</summary>
    public TimeSpan TurnTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>Each client sends a ping this often and times the pong (the server's responsiveness as clients see it).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Why the options cannot run, or null.</summary>
    public string? Problem =>
        Sessions < 1 ? "--sessions must be at least 1."
        : Duration <= TimeSpan.Zero ? "--duration must be above zero."
        : Ramp < TimeSpan.Zero ? "--ramp must not be negative."
        : Ramp >= Duration ? "--ramp must be shorter than --duration (the figures are measured after the ramp)."
        : null;
}
