using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.LocalServer.Sessions.Responses;

/// <summary>What every event opening or closing one response repeats: its id, conversation, modalities and metadata.</summary>
internal sealed record ResponseHeader(
    string ResponseId, string ConversationId, IReadOnlyList<string> Modalities, IReadOnlyDictionary<string, string>? Metadata)
{
    /// <summary>The local server has no tokens; usage is reported as zeros so clients that read it find the fields.</summary>
    private static readonly ResponseUsage EmptyUsage = new()
    {
        InputTokenDetails = new InputTokenDetails { CachedTokens = 0, TextTokens = 0, AudioTokens = 0, ImageTokens = 0 },
        OutputTokenDetails = new OutputTokenDetails { TextTokens = 0, AudioTokens = 0 },
    };

    public ResponseCreated Created() => new(new RealtimeResponse(ResponseId, RealtimeResponse.InProgress)
    {
        ConversationId = ConversationId,
        OutputModalities = Modalities,
        Metadata = Metadata,
    });

    public ResponseDone Done(string status, ConversationItem output, ResponseStatusDetails? details = null) => new(new RealtimeResponse(ResponseId, status)
    {
        ConversationId = ConversationId,
        Usage = EmptyUsage,
        StatusDetails = details,
        Output = [output],
        OutputModalities = Modalities,
        Metadata = Metadata,
    });
}
