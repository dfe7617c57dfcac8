using Akka.Actor;
using ActorVoice.Engine.Playback;

namespace ActorVoice.Lab.Runners.Simulated;

/// <summary>
/// Stands in for the <see cref="PlaybackActor"/> of one turn: an accepted response (<see cref="PlaybackActor.Play"/>)
/// starts playing at once, or when the one playing ends (an acknowledgement, then the answer); once its response is
/// complete (<see cref="PlaybackActor.EndOfResponse"/>) it finishes after the scripted duration from its start.
/// <see cref="PlaybackActor.Stop"/> silences it at once.
/// </summary>
public sealed class ScriptedPlayback : ReceiveActor, IWithTimers
{
    private const double UnknownDurationMs = 1000;
    private readonly SimulatedTurn _turn;
    private readonly Queue<Track> _waiting = new();
    private Track? _playing;

    public ScriptedPlayback(SimulatedTurn turn)
    {
        _turn = turn;
        Receive<PlaybackActor.Play>(play =>
        {
            _waiting.Enqueue(new Track(play.ItemId, Sender));
            StartNext();
        });
        Receive<PlaybackActor.EndOfResponse>(end =>
        {
            var track = _playing?.ItemId == end.ItemId ? _playing : _waiting.FirstOrDefault(t => t.ItemId == end.ItemId);
            if (track is not null)
            {
                track.Ended = true;
                ScheduleFinish();
            }
        });
        Receive<Finish>(finish => _playing?.ItemId == finish.ItemId, _ => FinishPlaying(stopped: false));
        Receive<PlaybackActor.Stop>(_ =>
        {
            FinishPlaying(stopped: true);
            while (_waiting.TryDequeue(out var track))
            {
                track.Listener.Tell(new PlaybackActor.PlaybackFinished(track.ItemId, 0, 0, null, Stopped: true));
            }
        });
        ReceiveAny(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SimulatedTurn turn) => Akka.Actor.Props.Create(() => new ScriptedPlayback(turn));

    private static DateTimeOffset Now => Context.System.Scheduler.Now;

    private double DurationOf(string itemId) => _turn.ResponseOfItem(itemId)?.DurationMs ?? UnknownDurationMs;

    private void StartNext()
    {
        if (_playing is not null || !_waiting.TryDequeue(out var next))
        {
            return;
        }

        _playing = next;
        next.StartedAt = Now;
        if (_turn.ResponseOfItem(next.ItemId) is { } response)
        {
            response.PlayedAt = Now;
        }

        next.Listener.Tell(new PlaybackActor.PlaybackStarted(next.ItemId, Now));
        ScheduleFinish();
    }

    private void ScheduleFinish()
    {
        if (_playing is { Ended: true, FinishScheduled: false } track)
        {
            track.FinishScheduled = true;
            var at = track.StartedAt + TimeSpan.FromMilliseconds(DurationOf(track.ItemId));
            var delay = at - Now;
            Timers.StartSingleTimer("finish-" + track.ItemId, new Finish(track.ItemId), delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
        }
    }

    private void FinishPlaying(bool stopped)
    {
        if (_playing is not { } track)
        {
            return;
        }

        _playing = null;
        var duration = (long)Math.Round(DurationOf(track.ItemId), MidpointRounding.AwayFromZero);
        var played = stopped ? (long)Math.Min(duration, (Now - track.StartedAt).TotalMilliseconds) : duration;
        if (_turn.ResponseOfItem(track.ItemId) is { } response)
        {
            response.FinishedAt = Now;
        }

        track.Listener.Tell(new PlaybackActor.PlaybackFinished(track.ItemId, played, duration, null, stopped));
        StartNext();
    }

    private sealed record Finish(string ItemId);

    private sealed class Track(string itemId, IActorRef listener)
    {
        public string ItemId { get; } = itemId;

        public IActorRef Listener { get; } = listener;

        public DateTimeOffset StartedAt { get; set; }

        public bool Ended { get; set; }

        public bool FinishScheduled { get; set; }
    }
}
