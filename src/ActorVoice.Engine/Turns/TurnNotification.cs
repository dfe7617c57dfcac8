namespace ActorVoice.Engine.Turns;

/// <summary>Progress of a turn, published to the session's observer (e.g. the CLI printing live transcripts).</summary>
public abstract record TurnNotification(int TurnNumber);

public sealed record PartialTranscript(int TurnNumber, string Text) : TurnNotification(TurnNumber);

public sealed record FinalTranscript(int TurnNumber, string Text) : TurnNotification(TurnNumber);

public sealed record TurnCompleted(TurnResult Result) : TurnNotification(Result.TurnNumber);

/// <summary>
/// Retrieval chose the passages the turn's answer is built from (before the answer is spoken); a later retrieval of
/// the same turn (a fresh query on the final transcript) publishes again. <see cref="TurnResult.Sources"/> has the last.
/// </summary>
public sealed record SourcesFound(int TurnNumber, IReadOnlyList<TurnSource> Sources) : TurnNotification(TurnNumber);

/// <summary>The turn state machine moved to <paramref name="State"/>, <paramref name="SinceEndOfSpeechMs"/> after the end of speech (null before it).</summary>
public sealed record TurnStateChanged(int TurnNumber, string State, double? SinceEndOfSpeechMs) : TurnNotification(TurnNumber);
