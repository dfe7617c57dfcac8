namespace ActorVoice.LocalServer.Hosting;

public sealed record SynthesisSettings
{
    public string Engine { get; init; } = "flite";

    public string Voice { get; init; } = "slt";

    public TimeSpan Chunk { get; init; } = TimeSpan.FromMilliseconds(100);
}
