using ActorVoice.LocalServer.Sessions.Conversation;

namespace ActorVoice.LocalServer.Answering;

/// <summary>The question an offline answer is for: what was heard in the user audio turn still awaiting an answer.</summary>
internal static class PendingQuestion
{
    /// <summary>
    /// Its transcript, or the decode still running for it (a <c>response.create</c> right after a manual commit, or
    /// transcription off), or "" when there is no such turn; read on the session's loop, awaited off it.
    /// </summary>
    public static Task<string> Of(ConversationStore conversation) => conversation.HeardIn(conversation.UserAudioAwaitingAnswer);
}
