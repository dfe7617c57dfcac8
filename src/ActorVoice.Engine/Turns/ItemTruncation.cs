namespace ActorVoice.Engine.Turns;

/// <summary>
/// One assistant item the turn cut back to what the user heard: the <c>conversation.item.truncate</c> it sent
/// (<paramref name="AudioEndMs"/>; 0 when the item was deleted instead) and what playback reported for that item.
/// </summary>
public sealed record ItemTruncation(string ItemId, long AudioEndMs, long PlayedMs, long ReceivedMs);
