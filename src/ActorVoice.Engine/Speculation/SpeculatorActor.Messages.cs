using Akka.Actor;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Speculation.Judging;

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

    /// <summary>
    /// The knowledge result for the final transcript; <paramref name="Reused"/> when it came from a speculative job.
    /// <paramref name="JobId"/> names the job whose result this is, so a turn that answered preemptively from a
    /// <see cref="Preliminary"/> result can tell whether the final transcript confirmed it (same job id).
    /// </summary>
    public sealed record Ready(long TurnId, KnowledgeResult Result, bool Reused, SpeculationStats Stats, long JobId = 0);

    /// <summary>
    /// The engine's own end of speech (local VAD) closed turn <paramref name="TurnId"/>'s question before the
    /// server's final transcript; <paramref name="Text"/> is the local recognizer's final (or newest partial) text.
    /// The speculator answers <paramref name="ReplyTo"/> with <see cref="Preliminary"/> as soon as a speculative result
    /// answers <paramref name="Text"/> (at once when one is ready, or when a running job that answers it completes),
    /// or <see cref="NoPreliminary"/> when none can. <see cref="FinalSeen"/> still follows and decides.
    /// </summary>
    public sealed record QuestionClosed(long TurnId, string Text, IActorRef ReplyTo);

    /// <summary>A speculative result that answers the closed question; the final transcript confirms it (a <see cref="Ready"/> with the same <paramref name="JobId"/>) or not.</summary>
    public sealed record Preliminary(long TurnId, long JobId, KnowledgeResult Result);

    /// <summary>No speculative result answers the closed question: wait for <see cref="Ready"/> after the final transcript.</summary>
    public sealed record NoPreliminary(long TurnId);

    /// <summary>No result: the source failed, or it was too slow (<c>knowledge source too slow</c>); speak a fallback.</summary>
    public sealed record Failed(long TurnId, string Reason, SpeculationStats Stats);

    /// <summary>Reply to <see cref="CancelTurn"/> with the statistics of the cancelled turn.</summary>
    public sealed record Cancelled(long TurnId, SpeculationStats Stats);

    /// <summary>
    /// Published on the event stream whenever a query starts or ends (for progress displays and tests);
    /// <paramref name="Prefix"/> is the normalised text it answers.
    /// </summary>
    public sealed record JobChanged(long TurnId, long JobId, string Prefix, bool Speculative, JobChange Change);

    /// <summary>
    /// Sent to the turn's <see cref="FinalSeen.ReplyTo"/> when, under <c>speculation.verify = on</c>, the fresh query on
    /// the final transcript finished after <see cref="Ready"/> (which carried a reused result and did not wait for it):
    /// <paramref name="Agreed"/> when both results have the same top documents. <paramref name="Stats"/> are the turn's
    /// final statistics (<see cref="SpeculationStats.Verified"/> = 1). When the fresh result came first, the agreement is
    /// already in <see cref="Ready.Stats"/> and no such message follows.
    /// </summary>
    public sealed record SpeculationVerified(long TurnId, bool Agreed, SpeculationStats Stats);

    private sealed record Debounced(long TurnId);

    /// <summary>What a text means, as the judge saw it (computed off the actor's thread unless the judge is cheap).</summary>
    private sealed record Understood(long TurnId, JudgePurpose Purpose, IReadOnlyList<string> Words, string Question, QuestionMeaning Meaning);

    /// <summary>Why a text is judged: to decide on a new speculative job, to answer a closed question, or the final transcript.</summary>
    private enum JudgePurpose
    {
        Speculate,
        Close,
        Final,
    }

    private sealed record DeadlinePassed(long TurnId);
}
