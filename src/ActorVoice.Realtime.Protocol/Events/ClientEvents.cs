using System.Text.Json.Serialization;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Serialization;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Realtime.Protocol.Events;

// Client → server events of the GA Realtime protocol. Field names follow the wire format (snake_case).

public sealed record SessionUpdate(SessionConfig Session) : ClientEvent
{
    public override string Type => EventTypes.SessionUpdate;
}

public sealed record InputAudioBufferAppend(string Audio) : ClientEvent
{
    public override string Type => EventTypes.InputAudioBufferAppend;
}

public sealed record InputAudioBufferCommit : ClientEvent
{
    public override string Type => EventTypes.InputAudioBufferCommit;
}

public sealed record InputAudioBufferClear : ClientEvent
{
    public override string Type => EventTypes.InputAudioBufferClear;
}

public sealed record ConversationItemCreate(ConversationItem Item) : ClientEvent
{
    public override string Type => EventTypes.ConversationItemCreate;

    public string? PreviousItemId { get; init; }
}

public sealed record ConversationItemDelete(string ItemId) : ClientEvent
{
    public override string Type => EventTypes.ConversationItemDelete;
}

public sealed record ConversationItemRetrieve(string ItemId) : ClientEvent
{
    public override string Type => EventTypes.ConversationItemRetrieve;
}

public sealed record ConversationItemTruncate(
    string ItemId,
    int ContentIndex,
    [property: JsonConverter(typeof(LenientInt32Converter))] int AudioEndMs) : ClientEvent
{
    public override string Type => EventTypes.ConversationItemTruncate;
}

public sealed record ResponseCreate : ClientEvent
{
    public override string Type => EventTypes.ResponseCreate;

    public ResponseCreateParams? Response { get; init; }
}

public sealed record ResponseCancel : ClientEvent
{
    public override string Type => EventTypes.ResponseCancel;

    public string? ResponseId { get; init; }
}

/// <summary>WebRTC/SIP only: stop the server's playback (send response.cancel first).</summary>
public sealed record OutputAudioBufferClear : ClientEvent
{
    public override string Type => EventTypes.OutputAudioBufferClear;
}
