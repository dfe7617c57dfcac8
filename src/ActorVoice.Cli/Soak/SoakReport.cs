namespace ActorVoice.Cli.Soak;

/// <summary>
/// What a soak run measured: its samples, how its turns ended, and the growth of memory per 1,000 turns (the
/// least-squares slope over the samples after warm-up, while sessions run; the last sample, taken after every session
/// closed, is left out of the fit).
/// </summary>
public sealed record SoakReport(
    SoakOptions Options,
    IReadOnlyList<SoakSample> Samples,
    IReadOnlyDictionary<string, int> Outcomes,
    IReadOnlyDictionary<string, int> Failures,
    TimeSpan Elapsed)
{
    public const double Mib = 1024.0 * 1024.0;

    public int TurnsDone => Samples.Count == 0 ? 0 : Samples[^1].TurnsDone;

    public int TurnsFailed => Samples.Count == 0 ? 0 : Samples[^1].TurnsFailed;

    public SoakSample Start => Samples[0];

    public SoakSample End => Samples[^1];

    /// <summary>Managed memory growth in MiB per 1,000 turns after warm-up (null: too few samples to fit).</summary>
    public double? ManagedGrowthMibPer1000Turns => Slope(s => s.ManagedBytes);

    /// <summary>Working-set growth in MiB per 1,000 turns after warm-up (null: too few samples to fit).</summary>
    public double? WorkingSetGrowthMibPer1000Turns => Slope(s => s.WorkingSetBytes);

    /// <summary>The samples the growth is fitted on: after warm-up, sessions still running.</summary>
    public IReadOnlyList<SoakSample> FittedSamples =>
        Samples.Take(Math.Max(0, Samples.Count - 1)).Where(s => s.TurnsDone >= Options.WarmupTurns).ToList();

    private double? Slope(Func<SoakSample, long> bytes)
    {
        var fitted = FittedSamples;
        if (fitted.Count < 2)
        {
            return null;
        }

        var meanX = fitted.Average(s => (double)s.TurnsDone);
        var meanY = fitted.Average(s => (double)bytes(s));
        var covariance = fitted.Sum(s => (s.TurnsDone - meanX) * (bytes(s) - meanY));
        var variance = fitted.Sum(s => (s.TurnsDone - meanX) * (s.TurnsDone - meanX));
        return variance == 0 ? null : covariance / variance * 1000 / Mib;
    }
}
