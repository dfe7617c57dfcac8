using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Realtime.Protocol.Events;

// Server → client events of the GA Realtime protocol.

public sealed record ErrorEvent(RealtimeError Error) : ServerEvent
{
    public override string Type => EventTypes.Error;
}

public sealed record SessionCreated(SessionConfig Session) : ServerEvent
{
    public override string Type => EventTypes.SessionCreated;
}

public sealed record SessionUpdated(SessionConfig Session) : ServerEvent
{
    public override string Type => EventTypes.SessionUpdated;
}

public sealed record SpeechStarted(int AudioStartMs, string ItemId) : ServerEvent
{
    public override string Type => EventTypes.SpeechStarted;
}

public sealed record SpeechStopped(int AudioEndMs, string ItemId) : ServerEvent
{
    public override string Type => EventTypes.SpeechStopped;
}

public sealed record InputAudioBufferCommitted(string ItemId) : ServerEvent
{
    public string? PreviousItemId { get; init; }

    public override string Type => EventTypes.InputAudioBufferCommitted;
}

public sealed record InputAudioBufferCleared : ServerEvent
{
    public override string Type => EventTypes.InputAudioBufferCleared;
}

public sealed record ConversationItemAdded(ConversationItem Item) : ServerEvent
{
    public string? PreviousItemId { get; init; }

    public override string Type => EventTypes.ConversationItemAdded;
}

public sealed record ConversationItemDone(ConversationItem Item) : ServerEvent
{
    public string? PreviousItemId { get; init; }

    public override string Type => EventTypes.ConversationItemDone;
}

public sealed record ConversationItemRetrieved(ConversationItem Item) : ServerEvent
{
    public override string Type => EventTypes.ConversationItemRetrieved;
}

public sealed record ConversationItemTruncated(string ItemId, int ContentIndex, int AudioEndMs) : ServerEvent
{
    public override string Type => EventTypes.ConversationItemTruncated;
}

public sealed record ConversationItemDeleted(string ItemId) : ServerEvent
{
    public override string Type => EventTypes.ConversationItemDeleted;
}

public sealed record InputAudioTranscriptionDelta(string ItemId, int ContentIndex, string Delta) : ServerEvent
{
    public override string Type => EventTypes.InputAudioTranscriptionDelta;
}

public sealed record InputAudioTranscriptionCompleted(string ItemId, int ContentIndex, string Transcript) : ServerEvent
{
    public override string Type => EventTypes.InputAudioTranscriptionCompleted;
}

public sealed record InputAudioTranscriptionFailed(string ItemId, int ContentIndex, RealtimeError Error) : ServerEvent
{
    public override string Type => EventTypes.InputAudioTranscriptionFailed;
}

public sealed record ResponseCreated(RealtimeResponse Response) : ServerEvent
{
    public override string Type => EventTypes.ResponseCreated;
}

public sealed record ResponseDone(RealtimeResponse Response) : ServerEvent
{
    public override string Type => EventTypes.ResponseDone;
}

public sealed record ResponseOutputItemAdded(string ResponseId, int OutputIndex, ConversationItem Item) : ServerEvent
{
    public override string Type => EventTypes.ResponseOutputItemAdded;
}

public sealed record ResponseOutputItemDone(string ResponseId, int OutputIndex, ConversationItem Item) : ServerEvent
{
    public override string Type => EventTypes.ResponseOutputItemDone;
}

public sealed record ResponseContentPartAdded(string ResponseId, string ItemId, int OutputIndex, int ContentIndex, ContentPart Part) : ServerEvent
{
    public override string Type => EventTypes.ResponseContentPartAdded;
}

public sealed record ResponseContentPartDone(string ResponseId, string ItemId, int OutputIndex, int ContentIndex, ContentPart Part) : ServerEvent
{
    public override string Type => EventTypes.ResponseContentPartDone;
}

public sealed record ResponseOutputAudioDelta(string ResponseId, string ItemId, int OutputIndex, int ContentIndex, string Delta) : ServerEvent
{
    public override string Type => EventTypes.ResponseOutputAudioDelta;
}

public sealed record ResponseOutputAudioDone(string ResponseId, string ItemId, int OutputIndex, int ContentIndex) : ServerEvent
{
    public override string Type => EventTypes.ResponseOutputAudioDone;
}

public sealed record ResponseOutputAudioTranscriptDelta(string ResponseId, string ItemId, int OutputIndex, int ContentIndex, string Delta) : ServerEvent
{
    public override string Type => EventTypes.ResponseOutputAudioTranscriptDelta;
}

public sealed record ResponseOutputAudioTranscriptDone(string ResponseId, string ItemId, int OutputIndex, int ContentIndex, string Transcript) : ServerEvent
{
    public override string Type => EventTypes.ResponseOutputAudioTranscriptDone;
}

public sealed record ResponseOutputTextDelta(string ResponseId, string ItemId, int OutputIndex, int ContentIndex, string Delta) : ServerEvent
{
    public override string Type => EventTypes.ResponseOutputTextDelta;
}

public sealed record ResponseOutputTextDone(string ResponseId, string ItemId, int OutputIndex, int ContentIndex, string Text) : ServerEvent
{
    public override string Type => EventTypes.ResponseOutputTextDone;
}
