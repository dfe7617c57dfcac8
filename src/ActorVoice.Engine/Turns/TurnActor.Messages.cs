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

    /// <summary>End the current turn now with an error (e.g. the connection was lost).</summary>
    public sealed record Abort(string Reason);

    private sealed record TimedOut(int TurnNumber, string What);

    private sealed record FeedInterrupt(int TurnNumber);

    private sealed record BargeInGuardPassed(int TurnNumber);
}
