using ActorVoice.LocalServer.Sessions.Conversation;

namespace ActorVoice.LocalServer.Answering;

/// <summary>The question an offline answer is for: the transcript of the user audio turn still awaiting an answer.</summary>
internal static class PendingQuestion
{
    /// <summary>The transcript, or "" when there is no such turn or it has no transcript (yet); the caller holds the session's gate.</summary>
    public static string Of(ConversationStore conversation) =>
        conversation.Find(conversation.UserAudioAwaitingAnswer)?.Content?.Select(c => c.Transcript).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t))
        ?? string.Empty;
}
