using Akka.Actor;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Telemetry;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Cli.Lab;

/// <summary>
/// The live lab's session observer: timestamps the speculator's job events (event stream) per turn and places each
/// turn's end of speech from the first <see cref="TurnStateChanged"/> that carries a time since it; answers
/// <see cref="GetTurn"/> with what it saw of a turn (and forgets it).
/// </summary>
public sealed class LabTurnCollector : ReceiveActor
{
    private readonly Dictionary<long, List<TurnJobEvent>> _jobs = [];
    private readonly Dictionary<long, DateTimeOffset> _endOfSpeech = [];
    private readonly IScheduler _scheduler = Context.System.Scheduler;

    public LabTurnCollector()
    {
        Receive<SpeculatorActor.JobChanged>(changed =>
        {
            if (!_jobs.TryGetValue(changed.TurnId, out var list))
            {
                list = [];
                _jobs[changed.TurnId] = list;
            }

            list.Add(new TurnJobEvent(changed.JobId, changed.Prefix, changed.Speculative, changed.Change, _scheduler.Now));
        });
        Receive<TurnStateChanged>(changed =>
        {
            if (changed.SinceEndOfSpeechMs is { } since)
            {
                _endOfSpeech.TryAdd(changed.TurnNumber, _scheduler.Now.AddMilliseconds(-since));
            }
        });
        Receive<GetTurn>(get =>
        {
            var jobs = _jobs.Remove(get.TurnNumber, out var list) ? list : [];
            _endOfSpeech.Remove(get.TurnNumber, out var end);
            Sender.Tell(new CollectedTurn(end == default ? null : end, jobs));
        });
        ReceiveAny(_ => { });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new LabTurnCollector());

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(SpeculatorActor.JobChanged));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    /// <summary>Asks for what was seen of turn <paramref name="TurnNumber"/>.</summary>
    public sealed record GetTurn(int TurnNumber);

    /// <summary>When the turn's speech ended (null: not seen) and its job events in the order seen.</summary>
    public sealed record CollectedTurn(DateTimeOffset? EndOfSpeech, IReadOnlyList<TurnJobEvent> Jobs);
}
