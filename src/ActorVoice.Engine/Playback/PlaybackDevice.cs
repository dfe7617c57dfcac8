using ActorVoice.Engine.Live;
using ActorVoice.Faults;
using Akka.Streams.Dsl;

namespace ActorVoice.Engine.Playback;

/// <summary>The virtual output device as a stream sink of decoded assistant audio.</summary>
public static class PlaybackDevice
{
    /// <summary>
    /// A sink that buffers the audio of the response it was told to accept (<see cref="IPlaybackDevice.Accept"/>),
    /// keeps a few not-yet-accepted responses' audio (it arrives before the turn has seen it), drops the late audio of
    /// released responses, and writes what was played to a WAV file on release. Events go to <paramref name="onEvent"/>
    /// (a thread-safe callback such as an actor's Tell). Timing (pacing, when a track ends) belongs to the controller.
    /// </summary>
    /// <remarks>
    /// With <paramref name="faults"/> the device injects the plan's playback faults (underruns, device errors). With
    /// <paramref name="output"/> (a live session's speaker) the accepted track's audio is also handed to it as it is
    /// accepted: <see cref="IAudioOutput.Start"/> on accept, <see cref="IAudioOutput.Write"/> per chunk,
    /// <see cref="IAudioOutput.End"/> at its end, <see cref="IAudioOutput.Stop"/> when it is stopped.
    /// </remarks>
    public static Sink<AssistantAudio, IPlaybackDevice> Sink(Action<PlaybackDeviceEvent> onEvent, FaultInjection? faults = null, IAudioOutput? output = null)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        var plan = faults?.Playback;
        return Akka.Streams.Dsl.Sink.FromGraph(new PlaybackDeviceStage(onEvent, plan is null ? null : (plan, faults!.NextDice(PlaybackDeviceStage.Edge), faults.Log), output));
    }
}
