using ActorVoice.LocalServer.Sessions.Configuration;
using ActorVoice.LocalServer.Sessions.Conversation;
using ActorVoice.LocalServer.Sessions.Responses;

namespace ActorVoice.LocalServer.Sessions;

/// <summary>
/// The state of one session that more than one of its parts reads: the session object, the conversation and the
/// response in progress. It belongs to the session's loop (see <see cref="RealtimeServerSession"/>): only code running
/// there reads or writes it, so it needs no lock. Work done off the loop (decoding, synthesis, answering) is handed
/// immutable inputs and posts its results back to the loop as messages.
/// </summary>
internal sealed class SessionState(SessionConfiguration configuration)
{
    public string ConversationId { get; } = IdGenerator.Next("conv");

    public SessionConfiguration Configuration { get; } = configuration;

    public ConversationStore Conversation { get; } = new();

    /// <summary>The response in progress in the default conversation, if any.</summary>
    public ActiveResponse? ActiveResponse { get; set; }
}
