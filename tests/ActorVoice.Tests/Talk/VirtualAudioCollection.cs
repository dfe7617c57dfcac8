namespace ActorVoice.Tests.Talk;

/// <summary>
/// The tests that play or record the virtual devices: one PulseAudio speaker is shared, so they run one at a time
/// (a talk answer playing while another test measures the speaker would be counted there).
/// </summary>
[CollectionDefinition(Name)]
public sealed class VirtualAudioCollection
{
    public const string Name = "virtual audio devices";
}
