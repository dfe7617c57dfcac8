using System.Text.Json.Serialization;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Realtime.Protocol.Serialization;

/// <summary>Source-generated serializers for every modelled event (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    Converters = new[] { typeof(LenientInt32Converter), typeof(LenientInt64Converter) })]
[JsonSerializable(typeof(SessionUpdate))]
[JsonSerializable(typeof(SessionConfig))]
[JsonSerializable(typeof(ConversationItem))]
[JsonSerializable(typeof(InputAudioBufferAppend))]
[JsonSerializable(typeof(InputAudioBufferCommit))]
[JsonSerializable(typeof(InputAudioBufferClear))]
[JsonSerializable(typeof(ConversationItemCreate))]
[JsonSerializable(typeof(ConversationItemDelete))]
[JsonSerializable(typeof(ConversationItemRetrieve))]
[JsonSerializable(typeof(ConversationItemTruncate))]
[JsonSerializable(typeof(ResponseCreate))]
[JsonSerializable(typeof(ResponseCancel))]
[JsonSerializable(typeof(ErrorEvent))]
[JsonSerializable(typeof(SessionCreated))]
[JsonSerializable(typeof(SessionUpdated))]
[JsonSerializable(typeof(SpeechStarted))]
[JsonSerializable(typeof(SpeechStopped))]
[JsonSerializable(typeof(InputAudioBufferCommitted))]
[JsonSerializable(typeof(InputAudioBufferCleared))]
[JsonSerializable(typeof(ConversationItemAdded))]
[JsonSerializable(typeof(ConversationItemDone))]
[JsonSerializable(typeof(ConversationItemRetrieved))]
[JsonSerializable(typeof(ConversationItemTruncated))]
[JsonSerializable(typeof(ConversationItemDeleted))]
[JsonSerializable(typeof(InputAudioTranscriptionDelta))]
[JsonSerializable(typeof(InputAudioTranscriptionCompleted))]
[JsonSerializable(typeof(InputAudioTranscriptionFailed))]
[JsonSerializable(typeof(ResponseCreated))]
[JsonSerializable(typeof(ResponseDone))]
[JsonSerializable(typeof(ResponseOutputItemAdded))]
[JsonSerializable(typeof(ResponseOutputItemDone))]
[JsonSerializable(typeof(ResponseContentPartAdded))]
[JsonSerializable(typeof(ResponseContentPartDone))]
[JsonSerializable(typeof(ResponseOutputAudioDelta))]
[JsonSerializable(typeof(ResponseOutputAudioDone))]
[JsonSerializable(typeof(ResponseOutputAudioTranscriptDelta))]
[JsonSerializable(typeof(ResponseOutputAudioTranscriptDone))]
[JsonSerializable(typeof(ResponseOutputTextDelta))]
[JsonSerializable(typeof(ResponseOutputTextDone))]
[JsonSerializable(typeof(OutputAudioBufferClear))]
[JsonSerializable(typeof(ConversationCreated))]
[JsonSerializable(typeof(ConversationItemCreated))]
[JsonSerializable(typeof(InputAudioTranscriptionSegment))]
[JsonSerializable(typeof(InputAudioBufferTimeoutTriggered))]
[JsonSerializable(typeof(InputAudioBufferDtmfEventReceived))]
[JsonSerializable(typeof(RateLimitsUpdated))]
[JsonSerializable(typeof(ResponseFunctionCallArgumentsDelta))]
[JsonSerializable(typeof(ResponseFunctionCallArgumentsDone))]
[JsonSerializable(typeof(OutputAudioBufferStarted))]
[JsonSerializable(typeof(OutputAudioBufferStopped))]
[JsonSerializable(typeof(OutputAudioBufferCleared))]
internal sealed partial class RealtimeJsonContext : JsonSerializerContext;
