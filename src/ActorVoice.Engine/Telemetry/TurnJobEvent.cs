using ActorVoice.Engine.Speculation;

namespace ActorVoice.Engine.Telemetry;

/// <summary>A retrieval job's change (from <see cref="SpeculatorActor.JobChanged"/>) and when it was seen.</summary>
public sealed record TurnJobEvent(long JobId, string Prefix, bool Speculative, JobChange Change, DateTimeOffset At);
