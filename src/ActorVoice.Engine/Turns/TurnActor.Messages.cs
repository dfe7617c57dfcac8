using Akka.Actor;

namespace ActorVoice.Engine.Turns;

/// <summary>The turn actor's protocol (public) and its own timer messages (private).</summary>
public sealed partial class TurnActor
{
    /// <summary>Start a turn; its <see cref="TurnResult"/> goes to <paramref name="ReplyTo"/>.</summary>
    /// <remarks>With <paramref name="Interrupt"/>, that WAV is captured <c>AfterMs</c> after the answer starts playing (barge-in experiments).</remarks>
    public sealed record BeginTurn(string Label, IActorRef ReplyTo, Interrupt? Interrupt = null);

    /// <summary>Speak <paramref name="WavPath"/> over the answer, <paramref name="AfterMs"/> after its playback starts.</summary>
    public sealed record Interrupt(string WavPath, int AfterMs);

    /// <summary>To the parent: capture the interrupting utterance now.</summary>
    public sealed record InterruptCaptureRequested(string WavPath);

    /// <summary>
    /// End the current turn now (e.g. the connection was lost). A part that failed while the connection lives (a reason
    /// that starts with "capture failed", "playback failed" or "speculation failed") ends it with a spoken fallback
    /// instead; any other reason ends it failed, in silence (there is no connection to speak through).
    /// </summary>
    public sealed record Abort(string Reason)
    {
        /// <summary>The reason names a part that failed while the connection lives: the fallback can be spoken.</summary>
        public bool CanSpeak => Reason.StartsWith("capture failed", StringComparison.Ordinal)
            || Reason.StartsWith("playback failed", StringComparison.Ordinal)
            || Reason.StartsWith("speculation failed", StringComparison.Ordinal)
            || Reason.StartsWith(ShuttingDown, StringComparison.Ordinal);

        /// <summary>The prefix of a reason that ends a live turn because the host is draining (the notice is spoken).</summary>
        public const string ShuttingDown = "shutting down";
    }

    /// <summary>
    /// Speak the fallback notice (<c>turn.fallback-text</c>) as turn <paramref name="Label"/> and report it to
    /// <paramref name="ReplyTo"/> with outcome <see cref="TurnOutcome.Fallback"/> and <paramref name="Reason"/> (e.g. the
    /// session after the previous turn actor crashed: the user's turn still gets an answer). <paramref name="TurnNumber"/>:
    /// the number of the turn it ends (the crashed instance's turn), so numbering goes on from there; 0: the next number.
    /// </summary>
    public sealed record SpeakFallback(string Label, IActorRef ReplyTo, string Reason, int TurnNumber = 0);

    /// <summary>
    /// From the session to a restarted turn actor: turns up to <paramref name="LastTurnNumber"/> are taken, so the next
    /// turn is numbered after them (a fresh instance would otherwise count from 1 again).
    /// </summary>
    public sealed record ContinueNumbering(int LastTurnNumber);

    private sealed record FalseInterruptionDue(int TurnNumber);

    private sealed record ResponseIdle(int TurnNumber, string ResponseId);

    private sealed record TimedOut(int TurnNumber, string What);

    private sealed record FeedInterrupt(int TurnNumber);

    private sealed record BargeInGuardPassed(int TurnNumber);
}
