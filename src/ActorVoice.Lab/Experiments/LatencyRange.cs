namespace ActorVoice.Lab.Experiments;

/// <summary>A uniform distribution of durations, in milliseconds: <c>{ min = 1s, max = 3s }</c> in HOCON.</summary>
public sealed record LatencyRange(double MinMs, double MaxMs)
{
    public static LatencyRange Fixed(double milliseconds) => new(milliseconds, milliseconds);

    /// <summary>One draw; always consumes exactly one number from <paramref name="random"/>, so scripts stay aligned.</summary>
    public double Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return MinMs + (random.NextDouble() * (MaxMs - MinMs));
    }
}
