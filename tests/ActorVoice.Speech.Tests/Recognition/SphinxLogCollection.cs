namespace ActorVoice.Speech.Tests.Recognition;

/// <summary>
/// Tests that read the pocketsphinx log: sphinxbase has one log file per process, which every new decoder redirects,
/// so these run while no other test creates decoders.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SphinxLogCollection
{
    public const string Name = "pocketsphinx log";
}
