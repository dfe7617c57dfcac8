using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.Engine.Sessions;

/// <summary>
/// The client events that put a session's past conversation into a new realtime connection (realtime sessions cannot
/// be resumed): one <c>conversation.item.create</c> per transcript-log entry, in order, the user's words as an
/// <c>input_text</c> user message and what the user heard of each answer as an <c>output_text</c> assistant message.
/// </summary>
public static class ConversationReseed
{
    public static IReadOnlyList<ConversationItemCreate> ItemsFor(IReadOnlyList<TranscriptEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries.Select(e => new ConversationItemCreate(ItemFor(e)))];
    }

    public static ConversationItem ItemFor(TranscriptEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Role == TranscriptEntry.Assistant
            ? new ConversationItem(ConversationItem.Message) { Role = TranscriptEntry.Assistant, Content = [new ContentPart(ContentPart.OutputText) { Text = entry.Text }] }
            : ConversationItem.TextMessage(TranscriptEntry.User, entry.Text);
    }
}
