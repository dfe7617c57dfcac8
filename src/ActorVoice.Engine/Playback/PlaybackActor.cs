using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Live;
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
/// <para>
/// <see cref="Pause"/> (a possible barge-in) silences the track at once and keeps its buffer (later chunks keep
/// buffering); <see cref="Resume"/> plays on from where it paused. Time paused and time the device starved (an
/// underrun it reported) is not played time, so the milliseconds reported as played are exactly what was heard. A
/// device that fails (an injected device error) reports the track finished with what was heard and
/// <see cref="PlaybackFinished.DeviceError"/>, then the actor throws so that its parent restarts it with a fresh device.
/// </para>
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

    private readonly IAudioOutput? _output;

    public PlaybackActor(PlaybackSettings settings, ChannelReader<AssistantAudio> audio, FaultInjection? faults = null, IAudioOutput? output = null)
    {
        _output = output;
        _faults = faults ?? FaultInjection.None;
        _crashPoint = _faults.CrashPointFor("playback");
        _settings = settings;
        _audio = audio;
        Receive<Play>(OnPlay);
        Receive<EndOfResponse>(OnEnd);
        Receive<TrackEnded>(OnTrackEnded);
        Receive<TrackReleased>(OnReleased);
        Receive<TrackUnderrun>(OnUnderrun);
        Receive<DeviceFailed>(OnDeviceFailed);
        Receive<Pause>(_ => OnPause());
        Receive<Resume>(_ => OnResume());
        Receive<Seal>(seal =>
        {
            if (_track is not null && _track.ItemId == seal.ItemId)
            {
                _track.Complete = true;
                _device!.Seal(_track.ResponseId);
            }
            else
            {
                Sender.Tell(new PlaybackFinished(seal.ItemId, 0, 0, null, Stopped: false));
            }
        });
        Receive<StartNow>(_ => StartTrack());
        Receive<FinishNow>(_ => Finish(stopped: false));
        Receive<Stop>(stop => Finish(stopped: true, stop.Reason));
        Receive<Discard>(discard =>
        {
            if (_track is not null && _track.ResponseId == discard.ResponseId)
            {
                Finish(stopped: true, "discarded");
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
    /// <param name="output">A live session's speaker: hears every accepted response's audio, its end or its stop.</param>
    public static Props Props(PlaybackSettings settings, ChannelReader<AssistantAudio> audio, FaultInjection? faults = null, IAudioOutput? output = null) =>
        Akka.Actor.Props.Create(() => new PlaybackActor(settings, audio, faults, output));

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
            .ToMaterialized(PlaybackDevice.Sink(e => self.Tell(e), _faults, _output), Keep.Both)
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
            Finish(stopped: true, "replaced");
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
        if (_track.PausedAt is not null)
        {
            _track.PausedAt = Now; // paused before it started: nothing was heard yet
        }

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
        if (_track is not { Complete: true, ReceivedMs: { } receivedMs, StartedAt: not null })
        {
            return;
        }

        if (_track.Realtime && _track.PausedAt is not null)
        {
            return; // finishes after it resumes
        }

        var remaining = TimeSpan.FromMilliseconds(receivedMs + _track.StarvedMs) - _track.Elapsed(Now);
        if (!_track.Realtime || remaining <= TimeSpan.Zero)
        {
            Finish(stopped: false);
        }
        else
        {
            Timers.StartSingleTimer(FinishTimer, FinishNow.Instance, remaining);
        }
    }

    private void Finish(bool stopped, string? reason = null)
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
            : track.PlayedMs(Now);
        var wavPath = string.IsNullOrEmpty(_settings.OutputDir) ? null : Path.Combine(_settings.OutputDir, (track.FileName ?? track.ItemId) + ".wav");
        track.Stopped = stopped;
        _releasing[track.ResponseId] = track;
        _device!.Release(track.ResponseId, playedMs, wavPath, stopped ? reason ?? Stop.Instance.Reason : null);
    }

    private void OnPause()
    {
        if (_track is null || _track.PausedAt is not null)
        {
            return;
        }

        _track.PausedAt = Now;
        _device?.Pause(_track.ResponseId, paused: true);
        Timers.Cancel(FinishTimer);
        _log.Debug("Playback of {ItemId} paused at {PlayedMs} ms", _track.ItemId, _track.StartedAt is null ? 0 : _track.PlayedMs(Now));
    }

    private void OnResume()
    {
        if (_track?.PausedAt is not { } pausedAt)
        {
            return;
        }

        if (_track.StartedAt is not null)
        {
            _track.Paused += Now - pausedAt;
        }

        _track.PausedAt = null;
        _device?.Pause(_track.ResponseId, paused: false);
        _log.Debug("Playback of {ItemId} resumed at {PlayedMs} ms", _track.ItemId, _track.StartedAt is null ? 0 : _track.PlayedMs(Now));
        ScheduleFinishIfComplete();
    }

    private void OnUnderrun(TrackUnderrun underrun)
    {
        if (_track is null || _track.ResponseId != underrun.ResponseId || !_track.Realtime)
        {
            return;
        }

        _track.Underruns.Add((underrun.AtMs, underrun.DurationMs));
        if (_track.Complete && _track.ReceivedMs is not null)
        {
            ScheduleFinishIfComplete();
        }
    }

    private void OnDeviceFailed(DeviceFailed failed)
    {
        var track = _track;
        if (track is null || track.ResponseId != failed.ResponseId)
        {
            return; // the stream's failure itself restarts the actor
        }

        _track = null;
        Timers.CancelAll();
        var playedMs = track.StartedAt is null ? 0 : !track.Realtime ? failed.ReceivedMs : Math.Min(failed.ReceivedMs, track.PlayedMs(Now));
        _log.Warning("Playback of {ItemId} failed after {PlayedMs} ms: {Reason}", track.ItemId, playedMs, failed.Reason);
        track.Listener.Tell(new PlaybackFinished(track.ItemId, playedMs, failed.ReceivedMs, null, Stopped: true, DeviceError: failed.Reason));
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

    /// <summary>Stop now and drop whatever is buffered; a live output hears <paramref name="Reason"/>.</summary>
    public sealed record Stop(string Reason)
    {
        public static Stop Instance { get; } = new("stopped");

        /// <summary>The user cut in.</summary>
        public static Stop BargeIn { get; } = new("barge-in");
    }

    /// <summary>Drop response <paramref name="ResponseId"/>'s audio unplayed (a held preemptive response that was not confirmed); stops it if it plays.</summary>
    public sealed record Discard(string ResponseId);

    public sealed record PlaybackStarted(string ItemId, DateTimeOffset At);

    /// <summary>
    /// Playback ended: <paramref name="PlayedMs"/> were heard out of <paramref name="ReceivedMs"/> received;
    /// <paramref name="DeviceError"/> is set when the output device failed under the track (the actor restarts with a fresh one).
    /// </summary>
    public sealed record PlaybackFinished(string ItemId, long PlayedMs, long ReceivedMs, string? File, bool Stopped, string? DeviceError = null);

    /// <summary>Silence the playing response at once and keep its audio (a possible barge-in); <see cref="Resume"/> plays on.</summary>
    public sealed record Pause
    {
        public static Pause Instance { get; } = new();
    }

    /// <summary>Play on the paused response from where it paused (the barge-in was false).</summary>
    public sealed record Resume
    {
        public static Resume Instance { get; } = new();
    }

    /// <summary>
    /// No more audio will come for <paramref name="ItemId"/>, and its end mark may have been lost: what the device
    /// holds is all of it (the turn saw nothing of the response for its idle time).
    /// </summary>
    public sealed record Seal(string ItemId);

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

        /// <summary>Set while paused.</summary>
        public DateTimeOffset? PausedAt { get; set; }

        /// <summary>Time spent paused before the current pause (after the track started).</summary>
        public TimeSpan Paused { get; set; }

        /// <summary>Underruns the device reported: at which millisecond of the track's audio and for how long.</summary>
        public List<(long AtMs, long DurationMs)> Underruns { get; } = [];

        public long StarvedMs => Underruns.Sum(u => u.DurationMs);

        /// <summary>Time the track has been playing or starving (started, not paused) at <paramref name="now"/>.</summary>
        public TimeSpan Elapsed(DateTimeOffset now) =>
            StartedAt is not { } started ? TimeSpan.Zero : (PausedAt ?? now) - started - Paused;

        /// <summary>Milliseconds of audio heard at <paramref name="now"/>: elapsed time less the starved spans it has passed.</summary>
        public long PlayedMs(DateTimeOffset now)
        {
            var position = Math.Max(0, Elapsed(now).TotalMilliseconds);
            foreach (var (atMs, durationMs) in Underruns.OrderBy(u => u.AtMs))
            {
                if (position <= atMs)
                {
                    break;
                }

                position = position < atMs + durationMs ? atMs : position - durationMs;
            }

            return Math.Max(0, (long)position);
        }

        public long? ReceivedMs { get; set; }

        public bool Complete { get; set; }

        public bool Stopped { get; set; }
    }
}
