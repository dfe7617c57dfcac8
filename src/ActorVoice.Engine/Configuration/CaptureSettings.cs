using ActorVoice.Config;

namespace ActorVoice.Engine.Configuration;

/// <summary>How a recording is sent to the realtime server (<c>actorvoice.engine.capture</c>).</summary>
public sealed record CaptureSettings
{
    [Positive]
    public required TimeSpan Frame { get; init; }

    /// <summary>Frames paced like a microphone (<see cref="Pace.Realtime"/>) or sent as fast as the socket takes them.</summary>
    public required Pace Pace { get; init; }

    public required TimeSpan TrailingSilence { get; init; }

    public bool Realtime => Pace == Pace.Realtime;
}
