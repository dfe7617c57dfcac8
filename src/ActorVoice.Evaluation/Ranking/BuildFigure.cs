namespace ActorVoice.Evaluation.Ranking;

/// <summary>
/// Cost of building one structure: items per second, the managed heap growth it caused (after a full GC)
/// and the process working set afterwards (includes native memory such as the HNSW graph).
/// </summary>
public sealed record BuildFigure(string Structure, int Items, double Seconds, long ManagedBytesAdded, long WorkingSetBytesAfter)
{
    public double ItemsPerSecond => Seconds > 0 ? Items / Seconds : 0;
}
