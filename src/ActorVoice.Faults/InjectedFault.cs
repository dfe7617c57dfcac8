namespace ActorVoice.Faults;

/// <summary>One fault that was injected: on which edge, what kind, where, and when.</summary>
/// <param name="Edge">socket, server, knowledge, capture, playback or actor.</param>
/// <param name="Kind">e.g. latency, disconnect, duplicate, drop, reorder, error, stall, cut-response, garbage-frame,
/// failure, timeout, spike, device-lost, gap, corrupt-frame, noise-burst, underrun, device-error, crash.</param>
/// <param name="Detail">Where (an event type, a response id, an actor name).</param>
/// <param name="At">When it was injected.</param>
public sealed record InjectedFault(string Edge, string Kind, string Detail, DateTimeOffset At);
