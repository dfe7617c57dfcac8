using System.Globalization;
using Akka.Actor;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Lab.Runners.Simulated;

/// <summary>
/// The parent of every simulated turn's actors. Children are created synchronously inside its message handling (a
/// top-level actor is created asynchronously by Akka, off the simulation's pump), so a turn's actors exist, in order,
/// as soon as <see cref="StartTurn"/> has been handled; <see cref="EndTurn"/> stops them all.
/// </summary>
public sealed class SimulationHost : ReceiveActor
{
    private readonly HostStatus _status;
    private long _turns;

    public SimulationHost(HostStatus status)
    {
        _status = status;
        Receive<StartTurn>(OnStartTurn);
        Receive<EndTurn>(_ =>
        {
            foreach (var child in Context.GetChildren())
            {
                Context.Stop(child);
            }
        });
        Receive<Terminated>(_ => _status.Children = Context.GetChildren().Count());
    }

    public static Props Props(HostStatus status) => Akka.Actor.Props.Create(() => new SimulationHost(status));

    protected override void PreStart() => _status.Ready = true;

    private void OnStartTurn(StartTurn start)
    {
        var n = (++_turns).ToString(CultureInfo.InvariantCulture);
        var turn = start.Turn;
        var recorder = Spawn(TurnRecorder.Props(turn, start.Ledger), "recorder-" + n);
        var peer = Spawn(ScriptedRealtimePeer.Props(turn, start.Settings.Turn.LocalRecognizer), "peer-" + n);
        var playback = Spawn(ScriptedPlayback.Props(turn), "playback-" + n);
        var speculator = Spawn(SpeculatorActor.Props(start.Settings.Speculation, start.Source, start.Judge), "speculator-" + n);
        var turnActor = Spawn(TurnActor.Props(start.Settings, peer, speculator, playback, recorder), "turn-" + n);
        _status.Children = Context.GetChildren().Count();
        turnActor.Tell(new TurnActor.BeginTurn(start.Label, recorder));
        peer.Tell(new ScriptedRealtimePeer.Start(turnActor));
    }

    private static IActorRef Spawn(Props props, string name) => Context.Watch(Context.ActorOf(props, name));

    /// <summary>Create the actors of <paramref name="Turn"/> and start it.</summary>
    public sealed record StartTurn(SimulatedTurn Turn, EngineSettings Settings, IKnowledgeSource Source, JobLedger Ledger, string Label, ActorVoice.Engine.Speculation.Judging.IReuseJudge? Judge = null);

    /// <summary>Stop the actors of the turn.</summary>
    public sealed record EndTurn
    {
        public static EndTurn Instance { get; } = new();
    }

    /// <summary>What the host tells the driver (written on the pump's thread).</summary>
    public sealed class HostStatus
    {
        public bool Ready { get; set; }

        /// <summary>Children alive.</summary>
        public int Children { get; set; }
    }
}
