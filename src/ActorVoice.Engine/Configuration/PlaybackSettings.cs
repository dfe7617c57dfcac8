namespace ActorVoice.Engine.Configuration;

/// <summary>How the assistant's audio is played and kept (<c>actorvoice.engine.playback</c>).</summary>
public sealed record PlaybackSettings
{
    public required TimeSpan StartBuffer { get; init; }

    /// <summary>Folder for the assistant's audio (one WAV per response); empty: do not write files.</summary>
    public required string OutputDir { get; init; }

    /// <summary>Play in real time or consider audio played as soon as it arrives (benchmarks, fast demos).</summary>
    public required Pace Pace { get; init; }

    public bool Realtime => Pace == Pace.Realtime;
}
