namespace ActorVoice.Engine.Turns;

/// <summary>
/// One monotonic mark of a turn's timeline: <paramref name="Name"/> (see <see cref="TimelineMarks"/>) at
/// <paramref name="AtMs"/> milliseconds from the end of the user's speech (negative: before it), with an optional
/// <paramref name="Detail"/> (a partial's text, a job's id and query, a response id).
/// </summary>
public sealed record TimelineMark(string Name, double AtMs, string? Detail = null);
