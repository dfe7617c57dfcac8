using ActorVoice.Config;

namespace ActorVoice.LocalServer.Hosting;

/// <summary>The speech synthesizer of the local server (<c>actorvoice.local-server.synthesis</c>).</summary>
public sealed record SynthesisSettings
{
    [OneOf("flite", "espeak-ng", "espeak")]
    public required string Engine { get; init; }

    public required string Voice { get; init; }

    [Positive]
    public required TimeSpan Chunk { get; init; }
}
