using Akka.Actor;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Lab.Runners.Simulated;

/// <summary>
/// The observer and requester of one simulated turn: it keeps the <see cref="TurnResult"/> and records the
/// speculator's job events (from the event stream) in the <see cref="JobLedger"/> at the virtual time they happen.
/// </summary>
public sealed class TurnRecorder : ReceiveActor
{
    private readonly SimulatedTurn _turn;
    private readonly JobLedger _ledger;

    public TurnRecorder(SimulatedTurn turn, JobLedger ledger)
    {
        _turn = turn;
        _ledger = ledger;
        Receive<TurnResult>(result => _turn.Result ??= result);
        Receive<SpeculatorActor.JobChanged>(change => _ledger.Record(change, Context.System.Scheduler.Now));
        ReceiveAny(_ => { });
    }

    public static Props Props(SimulatedTurn turn, JobLedger ledger) => Akka.Actor.Props.Create(() => new TurnRecorder(turn, ledger));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(SpeculatorActor.JobChanged));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
