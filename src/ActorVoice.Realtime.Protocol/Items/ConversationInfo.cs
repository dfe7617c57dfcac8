namespace ActorVoice.Realtime.Protocol.Items;

/// <summary>The conversation resource of <c>conversation.created</c>.</summary>
public sealed record ConversationInfo
{
    public string? Id { get; init; }

    public string Object { get; init; } = "realtime.conversation";
}
