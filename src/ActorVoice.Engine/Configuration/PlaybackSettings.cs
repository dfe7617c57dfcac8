namespace ActorVoice.Engine.Configuration;

public sealed record PlaybackSettings
{
    public TimeSpan StartBuffer { get; init; } = TimeSpan.Zero;

    /// <summary>Folder for the assistant's audio (one WAV per response); empty: do not write files.</summary>
    public string OutputDir { get; init; } = "out/audio";

    /// <summary>Play in real time (true) or consider audio played as soon as it arrives (benchmarks, fast demos).</summary>
    public bool Realtime { get; init; } = true;
}
