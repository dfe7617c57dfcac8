namespace ActorVoice.Cli.Chaos.Invariants;

/// <summary>A <c>conversation.item.truncate</c> the engine sent, as the local server received it.</summary>
public sealed record TruncateFrame(string SessionId, string ItemId, long AudioEndMs);
