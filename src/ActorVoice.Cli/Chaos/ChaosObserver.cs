using Akka.Actor;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Cli.Chaos;

/// <summary>
/// The chaos run's session observer: keeps every turn completion (to count them per turn), the turns it saw start,
/// the reconnects and a session failure, and the answers to the Identify probes the runner sends on its behalf;
/// answers <see cref="GetObservations"/> with an immutable copy.
/// </summary>
public sealed class ChaosObserver : ReceiveActor
{
    private readonly List<TurnResult> _completions = [];
    private readonly SortedSet<int> _started = [];
    private readonly List<SessionReconnected> _reconnects = [];
    private readonly Dictionary<string, List<string>> _identified = new(StringComparer.Ordinal);
    private string? _sessionFailure;

    public ChaosObserver()
    {
        Receive<TurnCompleted>(completed => _completions.Add(completed.Result));
        Receive<TurnStateChanged>(changed => changed.TurnNumber > 0, changed => _started.Add(changed.TurnNumber));
        Receive<SessionReconnected>(_reconnects.Add);
        Receive<SessionActor.SessionFailed>(failed => _sessionFailure ??= failed.Reason);
        Receive<ActorIdentity>(identity =>
        {
            var probe = identity.MessageId as string ?? string.Empty;
            if (!_identified.TryGetValue(probe, out var found))
            {
                found = [];
                _identified[probe] = found;
            }

            if (identity.Subject is { } subject)
            {
                found.Add(subject.Path.ToStringWithoutAddress());
            }
        });
        Receive<GetObservations>(_ => Sender.Tell(new Observations(
            [.. _completions],
            [.. _started],
            [.. _reconnects],
            _sessionFailure,
            _identified.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value.Distinct(StringComparer.Ordinal)], StringComparer.Ordinal))));
        ReceiveAny(_ => { });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ChaosObserver());

    public sealed record GetObservations
    {
        public static GetObservations Instance { get; } = new();
    }

    /// <summary>What the observer saw; <paramref name="Identified"/>: the actors found by each Identify probe (by its message id).</summary>
    public sealed record Observations(
        IReadOnlyList<TurnResult> Completions,
        IReadOnlyList<int> StartedTurns,
        IReadOnlyList<SessionReconnected> Reconnects,
        string? SessionFailure,
        IReadOnlyDictionary<string, IReadOnlyList<string>> Identified)
    {
        public IReadOnlyList<string> Found(string probe) => Identified.TryGetValue(probe, out var found) ? found : [];
    }
}
