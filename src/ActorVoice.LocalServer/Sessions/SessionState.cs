using ActorVoice.LocalServer.Sessions.Configuration;
using ActorVoice.LocalServer.Sessions.Conversation;
using ActorVoice.LocalServer.Sessions.Responses;

namespace ActorVoice.LocalServer.Sessions;

/// <summary>
/// The one owner of a session's state that more than one task touches: the receive loop (client events), the task
/// streaming a response, and the background transcription of a manually committed turn. Whoever reads or writes
/// <see cref="Conversation"/> or <see cref="ActiveResponse"/> holds <see cref="Gate"/>; <see cref="Configuration"/> is
/// replaced only by the receive loop, and others read its immutable snapshot. Everything else a session holds (input
/// audio, VAD, the socket) belongs to the receive loop alone. Once a session runs on a single thread, this object is
/// its whole state and the gate goes.
/// </summary>
internal sealed class SessionState(SessionConfiguration configuration)
{
    public Lock Gate { get; } = new();

    public string ConversationId { get; } = IdGenerator.Next("conv");

    public SessionConfiguration Configuration { get; } = configuration;

    /// <summary>Guarded by <see cref="Gate"/>.</summary>
    public ConversationStore Conversation { get; } = new();

    /// <summary>The response in progress in the default conversation, if any. Guarded by <see cref="Gate"/>.</summary>
    public ActiveResponse? ActiveResponse { get; set; }
}
