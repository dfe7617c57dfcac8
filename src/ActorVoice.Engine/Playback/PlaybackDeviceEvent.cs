namespace ActorVoice.Engine.Playback;

/// <summary>What the playback device reports to its controller, once per track (never per chunk).</summary>
public abstract record PlaybackDeviceEvent(string ResponseId);

/// <summary>The accepted response's audio is all there: <paramref name="ReceivedMs"/> in total.</summary>
public sealed record TrackEnded(string ResponseId, long ReceivedMs) : PlaybackDeviceEvent(ResponseId);

/// <summary>The track was released: <paramref name="PlayedMs"/> of <paramref name="ReceivedMs"/> kept, in <paramref name="File"/> when written.</summary>
public sealed record TrackReleased(string ResponseId, long PlayedMs, long ReceivedMs, string? File, string? WriteError) : PlaybackDeviceEvent(ResponseId);

/// <summary>
/// The device starved for <paramref name="DurationMs"/> before the audio at <paramref name="AtMs"/> of the track (an
/// underrun): that audio plays that much later, and nothing is played meanwhile.
/// </summary>
public sealed record TrackUnderrun(string ResponseId, long AtMs, long DurationMs) : PlaybackDeviceEvent(ResponseId);

/// <summary>The device failed while it held the track (<paramref name="ReceivedMs"/> of it received); the stream fails next.</summary>
public sealed record DeviceFailed(string ResponseId, long ReceivedMs, string Reason) : PlaybackDeviceEvent(ResponseId);
