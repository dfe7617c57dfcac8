namespace ActorVoice.Cli.Soak;

/// <summary>
/// What a soak run does: <see cref="Turns"/> spoken turns in all over <see cref="Sessions"/> concurrent sessions, each
/// session closed and a new one started every <see cref="TurnsPerSession"/> turns (churn), resources sampled every
/// <see cref="SampleEvery"/> turns; the growth is fitted on the samples from <see cref="WarmupTurns"/> turns on.
/// </summary>
public sealed record SoakOptions(int Turns, int Sessions, int TurnsPerSession, int SampleEvery, int WarmupTurns)
{
    /// <summary>The defaults for <paramref name="turns"/> turns: about 40 samples, a tenth of the run as warm-up.</summary>
    public static SoakOptions For(int turns, int sessions = 1, int turnsPerSession = 25, int? sampleEvery = null, int? warmupTurns = null)
    {
        var every = sampleEvery ?? Math.Max(1, turns / 40);
        return new SoakOptions(turns, sessions, turnsPerSession, every, warmupTurns ?? Math.Max(every, turns / 10));
    }

    /// <summary>The first invalid option, named as on the command line, or null.</summary>
    public string? Problem =>
        Turns < 1 ? "--turns must be at least 1"
        : Sessions < 1 ? "--sessions must be at least 1"
        : TurnsPerSession < 1 ? "--turns-per-session must be at least 1"
        : SampleEvery < 1 ? "--sample-every must be at least 1"
        : WarmupTurns < 0 || WarmupTurns >= Turns ? "--warmup must be at least 0 and less than --turns"
        : null;
}
