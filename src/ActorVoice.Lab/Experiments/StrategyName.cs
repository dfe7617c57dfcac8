namespace ActorVoice.Lab.Experiments;

/// <summary>
/// A strategy named in <c>experiment.strategies</c>: a base (<c>sequential</c>, the classic pipeline, or
/// <c>speculative</c>) followed by optional features in this order: <c>-preemptive</c> (speculative only) and
/// <c>-bridge</c>. Examples: <c>sequential</c>, <c>sequential-bridge</c>, <c>speculative-preemptive-bridge</c>.
/// </summary>
public sealed record StrategyName(string Name, bool Speculative, bool Preemptive, bool Bridge)
{
    public const string Sequential = "sequential";
    public const string SpeculativeBase = "speculative";
    public const string PreemptiveFeature = "preemptive";
    public const string BridgeFeature = "bridge";

    /// <summary>
    /// The engine settings of this strategy as <c>--set</c>-style assignments: the one mapping that the simulated and
    /// the live runners (and docs/latency.md) share.
    /// </summary>
    public IReadOnlyList<string> EngineOverrides =>
    [
        $"actorvoice.engine.speculation.enabled = {OnOff(Speculative)}",
        $"actorvoice.engine.answer.preemptive = {OnOff(Preemptive)}",
        $"actorvoice.engine.answer.bridge = {OnOff(Bridge)}",
    ];

    private static string OnOff(bool on) => on ? "on" : "off";

    public static bool TryParse(string name, out StrategyName? strategy, out string problem)
    {
        ArgumentNullException.ThrowIfNull(name);
        strategy = null;
        var parts = name.Split('-');
        var speculative = parts[0] switch
        {
            Sequential => false,
            SpeculativeBase => true,
            _ => (bool?)null,
        };
        if (speculative is null)
        {
            problem = $"\"{name}\" must start with \"{Sequential}\" or \"{SpeculativeBase}\"";
            return false;
        }

        bool preemptive = false, bridge = false;
        for (var i = 1; i < parts.Length; i++)
        {
            switch (parts[i])
            {
                case PreemptiveFeature when speculative.Value && !preemptive && !bridge:
                    preemptive = true;
                    break;
                case BridgeFeature when !bridge:
                    bridge = true;
                    break;
                default:
                    problem = $"\"{name}\": unknown or misplaced feature \"{parts[i]}\" (known: {SpeculativeBase}-{PreemptiveFeature}, then -{BridgeFeature})";
                    return false;
            }
        }

        problem = string.Empty;
        strategy = new StrategyName(name, speculative.Value, preemptive, bridge);
        return true;
    }

    public static StrategyName Parse(string name) =>
        TryParse(name, out var strategy, out var problem) ? strategy! : throw new ArgumentException(problem, nameof(name));

    public override string ToString() => Name;
}
