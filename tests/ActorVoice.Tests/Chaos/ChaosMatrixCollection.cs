namespace ActorVoice.Tests.Chaos;

/// <summary>
/// The chaos matrix runs alone: its invariants read process-wide gauges (live resources, memory, handles, threads)
/// that any test running beside it would move.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosMatrixCollection : ICollectionFixture<ChaosMatrixFixture>
{
    public const string Name = "chaos matrix";
}
