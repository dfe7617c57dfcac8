using System.Text.Json;
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
    public JsonElement? Logprobs { get; init; }

    public override string Type => EventTypes.InputAudioTranscriptionDelta;
}

public sealed record InputAudioTranscriptionCompleted(string ItemId, int ContentIndex, string Transcript) : ServerEvent
{
    /// <summary>Required by the GA schema; optional here so that older peers that omit it still parse.</summary>
    public TranscriptionUsage? Usage { get; init; }

    public JsonElement? Logprobs { get; init; }

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

public sealed record ConversationCreated(ConversationInfo Conversation) : ServerEvent
{
    public override string Type => EventTypes.ConversationCreated;
}

/// <summary>Beta name of <c>conversation.item.added</c>; still in the GA schema.</summary>
public sealed record ConversationItemCreated(ConversationItem Item) : ServerEvent
{
    public string? PreviousItemId { get; init; }

    public override string Type => EventTypes.ConversationItemCreated;
}

/// <summary>A diarized transcript segment (gpt-4o-transcribe-diarize).</summary>
public sealed record InputAudioTranscriptionSegment(string ItemId, int ContentIndex, string Id, string Text, string Speaker, double Start, double End) : ServerEvent
{
    public override string Type => EventTypes.InputAudioTranscriptionSegment;
}

/// <summary>server_vad idle_timeout_ms elapsed: the silent audio is committed and a response follows.</summary>
public sealed record InputAudioBufferTimeoutTriggered(int AudioStartMs, int AudioEndMs, string ItemId) : ServerEvent
{
    public override string Type => EventTypes.InputAudioBufferTimeoutTriggered;
}

/// <summary>SIP only: a DTMF key was pressed.</summary>
public sealed record InputAudioBufferDtmfEventReceived(string Event, long ReceivedAt) : ServerEvent
{
    public override string Type => EventTypes.InputAudioBufferDtmfEventReceived;
}

public sealed record RateLimitsUpdated(IReadOnlyList<RateLimit> RateLimits) : ServerEvent
{
    public override string Type => EventTypes.RateLimitsUpdated;
}

public sealed record ResponseFunctionCallArgumentsDelta(string ResponseId, string ItemId, int OutputIndex, string CallId, string Delta) : ServerEvent
{
    public override string Type => EventTypes.ResponseFunctionCallArgumentsDelta;
}

public sealed record ResponseFunctionCallArgumentsDone(string ResponseId, string ItemId, int OutputIndex, string CallId, string Name, string Arguments) : ServerEvent
{
    public override string Type => EventTypes.ResponseFunctionCallArgumentsDone;
}

/// <summary>WebRTC/SIP only: the server started playing a response.</summary>
public sealed record OutputAudioBufferStarted(string ResponseId) : ServerEvent
{
    public override string Type => EventTypes.OutputAudioBufferStarted;
}

/// <summary>WebRTC/SIP only: the server finished playing a response.</summary>
public sealed record OutputAudioBufferStopped(string ResponseId) : ServerEvent
{
    public override string Type => EventTypes.OutputAudioBufferStopped;
}

/// <summary>WebRTC/SIP only: the output buffer was cleared (barge-in or output_audio_buffer.clear).</summary>
public sealed record OutputAudioBufferCleared(string ResponseId) : ServerEvent
{
    public override string Type => EventTypes.OutputAudioBufferCleared;
}
