using Akka.Actor;
using Akka.Event;
using ActorVoice.Audio.Files;
using ActorVoice.Audio.Pcm;
using ActorVoice.Engine.Configuration;

namespace ActorVoice.Engine.Playback;

/// <summary>
/// Plays the assistant's audio: a virtual output device that keeps real time (or, in fast pace, counts audio
/// as played on arrival), knows how many milliseconds were actually played, and writes what was played to a
/// WAV file per response. Stopping drops the buffer at once.
/// </summary>
public sealed class PlaybackActor : ReceiveActor, IWithTimers
{
    public const int SampleRate = 24000;
    private const string StartTimer = "start";
    private const string FinishTimer = "finish";
    private readonly PlaybackSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private Track? _track;

    public PlaybackActor(PlaybackSettings settings)
    {
        _settings = settings;
        Receive<Play>(OnPlay);
        Receive<EndOfResponse>(OnEnd);
        Receive<StartNow>(_ => StartTrack());
        Receive<FinishNow>(_ => Finish(stopped: false));
        Receive<Stop>(_ => Finish(stopped: true));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(PlaybackSettings settings) => Akka.Actor.Props.Create(() => new PlaybackActor(settings));

    private static DateTimeOffset Now => Context.System.Scheduler.Now;

    private void OnPlay(Play play)
    {
        if (_track is null || _track.ItemId != play.ItemId)
        {
            if (_track is not null)
            {
                Finish(stopped: true);
            }

            _track = new Track(play.ItemId, play.FileName, Sender, _settings.Realtime || play.Realtime);
            if (_settings.StartBuffer > TimeSpan.Zero)
            {
                Timers.StartSingleTimer(StartTimer, StartNow.Instance, _settings.StartBuffer);
            }
            else
            {
                StartTrack();
            }
        }

        short[] samples;
        try
        {
            samples = Pcm16.FromBytes(Convert.FromBase64String(play.Base64Audio));
        }
        catch (Exception ex) when (ex is FormatException or Audio.AudioFormatException)
        {
            _log.Warning("Dropped an undecodable audio chunk of {0}: {1}", play.ItemId, ex.Message);
            return;
        }

        _track.Received.AddRange(samples);
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

    private void ScheduleFinishIfComplete()
    {
        if (_track is not { Complete: true, StartedAt: not null })
        {
            return;
        }

        if (!_track.Realtime)
        {
            Finish(stopped: false);
            return;
        }

        var remaining = _track.StartedAt.Value + ReceivedDuration(_track) - Now;
        if (remaining <= TimeSpan.Zero)
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
        var receivedMs = (long)ReceivedDuration(track).TotalMilliseconds;
        long playedMs;
        if (track.StartedAt is null)
        {
            playedMs = 0;
        }
        else if (!stopped || !track.Realtime)
        {
            playedMs = receivedMs;
        }
        else
        {
            playedMs = Math.Clamp((long)(Now - track.StartedAt.Value).TotalMilliseconds, 0, receivedMs);
        }

        string? file = null;
        if (!string.IsNullOrEmpty(_settings.OutputDir) && playedMs > 0)
        {
            var samples = track.Received.GetRange(0, (int)Math.Min(track.Received.Count, playedMs * SampleRate / 1000)).ToArray();
            file = Path.Combine(_settings.OutputDir, (track.FileName ?? track.ItemId) + ".wav");
            try
            {
                WavFile.WriteMono16(file, samples, SampleRate);
            }
            catch (IOException ex)
            {
                _log.Warning("Could not write {0}: {1}", file, ex.Message);
                file = null;
            }
        }

        track.Listener.Tell(new PlaybackFinished(track.ItemId, playedMs, receivedMs, file, stopped));
    }

    private static TimeSpan ReceivedDuration(Track track) => TimeSpan.FromSeconds(track.Received.Count / (double)SampleRate);

    /// <summary>A chunk of assistant audio (PCM16 24 kHz, base64 as on the wire). The sender hears about playback.</summary>
    /// <remarks><paramref name="Realtime"/> plays this response in real time even when the configured pace is fast (barge-in experiments).</remarks>
    public sealed record Play(string ItemId, string Base64Audio, string? FileName = null, bool Realtime = false);

    /// <summary>No more audio will come for <paramref name="ItemId"/>.</summary>
    public sealed record EndOfResponse(string ItemId);

    /// <summary>Stop now and drop whatever is buffered (barge-in).</summary>
    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }

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

    private sealed class Track(string itemId, string? fileName, IActorRef listener, bool realtime)
    {
        public bool Realtime { get; } = realtime;

        public string ItemId { get; } = itemId;

        public string? FileName { get; } = fileName;

        public IActorRef Listener { get; } = listener;

        public List<short> Received { get; } = [];

        public DateTimeOffset? StartedAt { get; set; }

        public bool Complete { get; set; }
    }
}
