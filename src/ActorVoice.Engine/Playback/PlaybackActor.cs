using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using ActorVoice.Engine.Configuration;
using ActorVoice.Faults;

namespace ActorVoice.Engine.Playback;

/// <summary>
/// Controls the assistant's playback. The audio, decoded once where it arrives, flows from <see cref="AssistantAudio"/>
/// channel to a virtual output device (<see cref="PlaybackDevice"/>) in a stream this actor starts and stops; the actor
/// only decides which response may play, keeps time (real time, or in fast pace audio counts as played on arrival),
/// knows how many milliseconds were actually played and reports it. Stopping drops the buffer at once; late audio of
/// a stopped response is dropped. Played audio is written to a WAV file per response.
/// </summary>
public sealed class PlaybackActor : ReceiveActor, IWithTimers
{
    private readonly FaultInjection _faults;
    private readonly CrashPoint _crashPoint;
    private const string StartTimer = "start";
    private const string FinishTimer = "finish";
    private readonly PlaybackSettings _settings;
    private readonly ChannelReader<AssistantAudio> _audio;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, Track> _releasing = new(StringComparer.Ordinal);
    private UniqueKillSwitch? _stream;
    private IPlaybackDevice? _device;
    private Track? _track;
    private Guid _incarnation;

    public PlaybackActor(PlaybackSettings settings, ChannelReader<AssistantAudio> audio, FaultInjection? faults = null)
    {
        _faults = faults ?? FaultInjection.None;
        _crashPoint = _faults.CrashPointFor("playback");
        _settings = settings;
        _audio = audio;
        Receive<Play>(OnPlay);
        Receive<EndOfResponse>(OnEnd);
        Receive<TrackEnded>(OnTrackEnded);
        Receive<TrackReleased>(OnReleased);
        Receive<StartNow>(_ => StartTrack());
        Receive<FinishNow>(_ => Finish(stopped: false));
        Receive<Stop>(_ => Finish(stopped: true));
        Receive<Discard>(discard =>
        {
            if (_track is not null && _track.ResponseId == discard.ResponseId)
            {
                Finish(stopped: true);
            }
            else
            {
                // Never accepted: drop what the device holds for it and its late audio, without playing anything.
                _device!.Release(discard.ResponseId, 0, null);
            }
        });
        Receive<DeviceStopped>(stopped => stopped.Incarnation == _incarnation, stopped =>
        {
            // The device's stream ended under the actor (a bug or a completed channel): restart it fresh.
            throw new InvalidOperationException("The playback stream ended: " + stopped.Reason);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="settings">Pace, start buffer and output folder.</param>
    /// <param name="audio">The assistant's decoded audio (written by the realtime connection).</param>
    /// <param name="faults">Playback faults and planned crashes to inject; null injects none.</param>
    public static Props Props(PlaybackSettings settings, ChannelReader<AssistantAudio> audio, FaultInjection? faults = null) =>
        Akka.Actor.Props.Create(() => new PlaybackActor(settings, audio, faults));

    /// <summary>A planned crash (<c>actorvoice.faults.crashes</c>) strikes here, before the message is handled.</summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        _crashPoint.BeforeMessage(message);
        return base.AroundReceive(receive, message);
    }


    private static DateTimeOffset Now => Context.System.Scheduler.Now;

    protected override void PreStart()
    {
        var self = Self;
        var incarnation = Guid.NewGuid();
        _incarnation = incarnation;
        var ((killSwitch, terminated), device) = ChannelSource.FromReader(_audio)
            .ViaMaterialized(KillSwitches.Single<AssistantAudio>(), Keep.Right)
            .WatchTermination(Keep.Both)
            .ToMaterialized(PlaybackDevice.Sink(e => self.Tell(e)), Keep.Both)
            .Run(Context.System.Materializer());
        _stream = killSwitch;
        Telemetry.LiveResources.PlaybackStreams.Track(terminated);
        _device = device;
        terminated.PipeTo(self, success: _ => new DeviceStopped(incarnation, "completed"), failure: ex => new DeviceStopped(incarnation, ex.Message));
    }

    protected override void PostStop()
    {
        // The stream (and its buffers) belongs to this incarnation of the actor.
        _incarnation = Guid.Empty;
        _stream?.Shutdown();
        _stream = null;
    }

    private void OnPlay(Play play)
    {
        if (_track is not null && _track.ResponseId == play.ResponseId)
        {
            return;
        }

        if (_track is not null)
        {
            Finish(stopped: true);
        }

        _track = new Track(play.ResponseId, play.ItemId, play.FileName, Sender, _settings.Realtime || play.Realtime);
        _device!.Accept(play.ResponseId);
        if (_settings.StartBuffer > TimeSpan.Zero)
        {
            Timers.StartSingleTimer(StartTimer, StartNow.Instance, _settings.StartBuffer);
        }
        else
        {
            StartTrack();
        }
    }

    private void StartTrack()
    {
        if (_track is null || _track.StartedAt is not null)
        {
            return;
        }

        _track.StartedAt = Now;
        _track.Listener.Tell(new PlaybackStarted(_track.ItemId, _track.StartedAt.Value));
        ScheduleFinishIfComplete();
    }

    private void OnEnd(EndOfResponse end)
    {
        if (_track is null || _track.ItemId != end.ItemId)
        {
            // Nothing was played for this response (e.g. text only): report an empty track.
            Sender.Tell(new PlaybackFinished(end.ItemId, 0, 0, null, Stopped: false));
            return;
        }

        _track.Complete = true;
        ScheduleFinishIfComplete();
    }

    private void OnTrackEnded(TrackEnded ended)
    {
        if (_track is null || _track.ResponseId != ended.ResponseId)
        {
            return;
        }

        _track.ReceivedMs = ended.ReceivedMs;
        ScheduleFinishIfComplete();
    }

    private void ScheduleFinishIfComplete()
    {
        // The turn says the response is done, and the device holds all of its audio.
        if (_track is not { Complete: true, ReceivedMs: { } receivedMs, StartedAt: { } startedAt })
        {
            return;
        }

        var remaining = startedAt + TimeSpan.FromMilliseconds(receivedMs) - Now;
        if (!_track.Realtime || remaining <= TimeSpan.Zero)
        {
            Finish(stopped: false);
        }
        else
        {
            Timers.StartSingleTimer(FinishTimer, FinishNow.Instance, remaining);
        }
    }

    private void Finish(bool stopped)
    {
        var track = _track;
        if (track is null)
        {
            return;
        }

        _track = null;
        Timers.CancelAll();
        long? playedMs = track.StartedAt is null ? 0
            : !stopped || !track.Realtime ? null
            : Math.Max(0, (long)(Now - track.StartedAt.Value).TotalMilliseconds);
        var wavPath = string.IsNullOrEmpty(_settings.OutputDir) ? null : Path.Combine(_settings.OutputDir, (track.FileName ?? track.ItemId) + ".wav");
        track.Stopped = stopped;
        _releasing[track.ResponseId] = track;
        _device!.Release(track.ResponseId, playedMs, wavPath);
    }

    private void OnReleased(TrackReleased released)
    {
        if (!_releasing.Remove(released.ResponseId, out var track))
        {
            return;
        }

        if (released.WriteError is not null)
        {
            _log.Warning("Could not write the audio of {ItemId}: {Reason}", track.ItemId, released.WriteError);
        }

        track.Listener.Tell(new PlaybackFinished(track.ItemId, released.PlayedMs, released.ReceivedMs, released.File, track.Stopped));
    }

    /// <summary>
    /// Let response <paramref name="ResponseId"/> (assistant item <paramref name="ItemId"/>) play: sent once, when its first
    /// audio is seen; its audio itself arrives through the playback stream. The sender hears about playback.
    /// </summary>
    /// <remarks><paramref name="Realtime"/> plays this response in real time even when the configured pace is fast (barge-in experiments).</remarks>
    public sealed record Play(string ResponseId, string ItemId, string? FileName = null, bool Realtime = false);

    /// <summary>No more audio will come for <paramref name="ItemId"/>.</summary>
    public sealed record EndOfResponse(string ItemId);

    /// <summary>Stop now and drop whatever is buffered (barge-in).</summary>
    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }

    /// <summary>Drop response <paramref name="ResponseId"/>'s audio unplayed (a held preemptive response that was not confirmed); stops it if it plays.</summary>
    public sealed record Discard(string ResponseId);

    public sealed record PlaybackStarted(string ItemId, DateTimeOffset At);

    /// <summary>Playback ended: <paramref name="PlayedMs"/> were heard out of <paramref name="ReceivedMs"/> received.</summary>
    public sealed record PlaybackFinished(string ItemId, long PlayedMs, long ReceivedMs, string? File, bool Stopped);

    private sealed record StartNow
    {
        public static StartNow Instance { get; } = new();
    }

    private sealed record FinishNow
    {
        public static FinishNow Instance { get; } = new();
    }

    private sealed record DeviceStopped(Guid Incarnation, string Reason);

    private sealed class Track(string responseId, string itemId, string? fileName, IActorRef listener, bool realtime)
    {
        public string ResponseId { get; } = responseId;

        public string ItemId { get; } = itemId;

        public string? FileName { get; } = fileName;

        public IActorRef Listener { get; } = listener;

        public bool Realtime { get; } = realtime;

        public DateTimeOffset? StartedAt { get; set; }

        public long? ReceivedMs { get; set; }

        public bool Complete { get; set; }

        public bool Stopped { get; set; }
    }
}
