namespace ActorVoice.Engine.Telemetry;

/// <summary>The values of the <see cref="LiveResources"/> gauges at one moment, by gauge name.</summary>
public sealed record LiveResourceSnapshot(IReadOnlyDictionary<string, long> Values)
{
    /// <summary>The value of gauge <paramref name="name"/> (0 when the snapshot does not hold it).</summary>
    public long this[string name] => Values.TryGetValue(name, out var value) ? value : 0;

    /// <summary>The gauges whose value differs from <paramref name="baseline"/>, as "name before → now".</summary>
    public IReadOnlyList<string> DifferencesFrom(LiveResourceSnapshot baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return Values.Keys.Union(baseline.Values.Keys, StringComparer.Ordinal)
            .Where(name => this[name] != baseline[name])
            .Order(StringComparer.Ordinal)
            .Select(name => $"{name} {baseline[name]} → {this[name]}")
            .ToList();
    }

    public override string ToString() => string.Join(", ", Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
}
