using Akka.Actor;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;

namespace ActorVoice.Engine.Speculation;

/// <summary>The speculator's protocol (public) and the messages it sends itself (private).</summary>
public sealed partial class SpeculatorActor
{
    /// <summary>
    /// A partial transcript of turn <paramref name="TurnId"/>: the whole text recognised so far (not a delta).
    /// </summary>
    public sealed record PartialSeen(long TurnId, string Text);

    /// <summary>
    /// The final transcript of turn <paramref name="TurnId"/>; <see cref="Ready"/> or <see cref="Failed"/> goes to
    /// <paramref name="ReplyTo"/> (within <see cref="SpeculationSettings.Deadline"/>).
    /// </summary>
    public sealed record FinalSeen(long TurnId, string Transcript, IActorRef ReplyTo);

    /// <summary>
    /// Cancels every job of the turn (barge-in, or the turn ended); the sender gets <see cref="Cancelled"/> when the turn
    /// still had speculation state, and no Ready/Failed is sent for it any more.
    /// </summary>
    public sealed record CancelTurn(long TurnId);

    /// <summary>The knowledge result for the final transcript; <paramref name="Reused"/> when it came from a speculative job.</summary>
    public sealed record Ready(long TurnId, KnowledgeResult Result, bool Reused, SpeculationStats Stats);

    /// <summary>No result: the source failed, or it was too slow (<c>knowledge source too slow</c>); speak a fallback.</summary>
    public sealed record Failed(long TurnId, string Reason, SpeculationStats Stats);

    /// <summary>Reply to <see cref="CancelTurn"/> with the statistics of the cancelled turn.</summary>
    public sealed record Cancelled(long TurnId, SpeculationStats Stats);

    /// <summary>
    /// Published on the event stream whenever a query starts or ends (for progress displays and tests);
    /// <paramref name="Prefix"/> is the normalised text it answers.
    /// </summary>
    public sealed record JobChanged(long TurnId, long JobId, string Prefix, bool Speculative, JobChange Change);

    private sealed record Debounced(long TurnId);

    private sealed record DeadlinePassed(long TurnId);
}
