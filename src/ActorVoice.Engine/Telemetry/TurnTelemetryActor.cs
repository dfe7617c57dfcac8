using System.Text;
using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Engine.Telemetry;

/// <summary>
/// A session's observer that records telemetry and passes every message on to the next observer: it timestamps the
/// speculator's <see cref="SpeculatorActor.JobChanged"/> events (event stream) and the turn notifications, and when a
/// turn completes records its spans and measurements (<see cref="TurnSpans"/>) and, with a trace file, appends the
/// turn's JSONL lines (<see cref="TurnTraceLines"/>). The end of speech is placed from the first
/// <see cref="TurnStateChanged"/> that carries a time since it.
/// </summary>
public sealed class TurnTelemetryActor : ReceiveActor
{
    private readonly IActorRef _next;
    private readonly VoiceTelemetry _telemetry;
    private readonly string _session;
    private readonly string? _traceFile;
    private readonly Dictionary<long, List<TurnJobEvent>> _jobs = [];
    private readonly Dictionary<long, DateTimeOffset> _endOfSpeech = [];
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IScheduler _scheduler = Context.System.Scheduler;

    public TurnTelemetryActor(IActorRef next, VoiceTelemetry telemetry, string session, string? traceFile)
    {
        _next = next;
        _telemetry = telemetry;
        _session = session;
        _traceFile = traceFile;
        Receive<SpeculatorActor.JobChanged>(changed => Jobs(changed.TurnId).Add(new TurnJobEvent(changed.JobId, changed.Prefix, changed.Speculative, changed.Change, Now)));
        Receive<TurnStateChanged>(changed =>
        {
            if (changed.SinceEndOfSpeechMs is { } since && !_endOfSpeech.ContainsKey(changed.TurnNumber))
            {
                _endOfSpeech[changed.TurnNumber] = Now.AddMilliseconds(-since);
            }

            Pass(changed);
        });
        Receive<TurnCompleted>(completed =>
        {
            Complete(completed.Result);
            Pass(completed);
        });
        Receive<Sessions.SessionReconnected>(r => { _telemetry.Reconnects.Add(1); _telemetry.ReconnectDuration.Record(r.Took.TotalMilliseconds); Pass(r); });
        Receive<StopWith>(stop => Context.Watch(stop.Session));
        Receive<Terminated>(_ => Context.Stop(Self));
        ReceiveAny(Pass);
    }

    /// <summary>Stop when <paramref name="Session"/> stops (the host sends it once the session exists).</summary>
    public sealed record StopWith(IActorRef Session);

    /// <param name="next">The observer that gets every message after this actor (Nobody for none).</param>
    /// <param name="telemetry">The instruments; <see cref="VoiceTelemetry.Shared"/> in the host.</param>
    /// <param name="session">The session's name, written on every trace line.</param>
    /// <param name="traceFile">The JSONL file to append to; null: spans and measurements only.</param>
    public static Props Props(IActorRef? next, VoiceTelemetry telemetry, string session, string? traceFile) =>
        Akka.Actor.Props.Create(() => new TurnTelemetryActor(next ?? ActorRefs.Nobody, telemetry, session, traceFile));

    private DateTimeOffset Now => _scheduler.Now;

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(SpeculatorActor.JobChanged));
        if (_traceFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_traceFile))!);
        }
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
    }

    private List<TurnJobEvent> Jobs(long turn)
    {
        if (!_jobs.TryGetValue(turn, out var list))
        {
            list = [];
            _jobs[turn] = list;
        }

        return list;
    }

    private void Complete(TurnResult result)
    {
        var turn = result.TurnNumber;
        var jobs = _jobs.TryGetValue(turn, out var list) ? list : [];
        var endOfSpeech = _endOfSpeech.TryGetValue(turn, out var end)
            ? end
            : Now.AddMilliseconds(-(result.Timeline.Marks.Select(m => m.AtMs).DefaultIfEmpty(result.Timeline.PlaybackDoneMs ?? 0).Max()));
        TurnSpans.Record(_telemetry, result, endOfSpeech, jobs);
        if (_traceFile is not null)
        {
            // One small append per turn: the file is complete after every turn, whatever happens to the process.
            File.AppendAllLines(_traceFile, TurnTraceLines.Render(_session, result, endOfSpeech, jobs), Utf8);
            _log.Debug("Turn {Turn} traced to {TraceFile}", turn, _traceFile);
        }

        // Forget this turn and any older one that never completed.
        foreach (var key in _jobs.Keys.Where(k => k <= turn).ToList())
        {
            _jobs.Remove(key);
        }

        foreach (var key in _endOfSpeech.Keys.Where(k => k <= turn).ToList())
        {
            _endOfSpeech.Remove(key);
        }
    }

    private void Pass(object message)
    {
        if (!_next.IsNobody())
        {
            _next.Forward(message);
        }
    }
}
