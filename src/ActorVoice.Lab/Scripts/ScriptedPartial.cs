namespace ActorVoice.Lab.Scripts;

/// <summary>
/// A partial transcript at <see cref="AtMs"/> (relative to the end of user speech), and how long a retrieval job on
/// its text would take if a strategy started one (drawn in the script so every strategy sees the same latency).
/// </summary>
public sealed record ScriptedPartial(double AtMs, string Text, double KnowledgeLatencyMs);
