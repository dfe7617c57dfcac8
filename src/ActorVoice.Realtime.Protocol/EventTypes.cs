namespace ActorVoice.Realtime.Protocol;

/// <summary>Wire names of the GA Realtime events.</summary>
public static class EventTypes
{
    // Client events.
    public const string SessionUpdate = "session.update";
    public const string InputAudioBufferAppend = "input_audio_buffer.append";
    public const string InputAudioBufferCommit = "input_audio_buffer.commit";
    public const string InputAudioBufferClear = "input_audio_buffer.clear";
    public const string ConversationItemCreate = "conversation.item.create";
    public const string ConversationItemDelete = "conversation.item.delete";
    public const string ConversationItemRetrieve = "conversation.item.retrieve";
    public const string ConversationItemTruncate = "conversation.item.truncate";
    public const string ResponseCreate = "response.create";
    public const string ResponseCancel = "response.cancel";
    public const string OutputAudioBufferClear = "output_audio_buffer.clear";

    // Server events.
    public const string Error = "error";
    public const string SessionCreated = "session.created";
    public const string SessionUpdated = "session.updated";
    public const string SpeechStarted = "input_audio_buffer.speech_started";
    public const string SpeechStopped = "input_audio_buffer.speech_stopped";
    public const string InputAudioBufferCommitted = "input_audio_buffer.committed";
    public const string InputAudioBufferCleared = "input_audio_buffer.cleared";
    public const string ConversationItemAdded = "conversation.item.added";
    public const string ConversationItemDone = "conversation.item.done";
    public const string ConversationItemRetrieved = "conversation.item.retrieved";
    public const string ConversationItemTruncated = "conversation.item.truncated";
    public const string ConversationItemDeleted = "conversation.item.deleted";
    public const string InputAudioTranscriptionDelta = "conversation.item.input_audio_transcription.delta";
    public const string InputAudioTranscriptionCompleted = "conversation.item.input_audio_transcription.completed";
    public const string InputAudioTranscriptionFailed = "conversation.item.input_audio_transcription.failed";
    public const string ResponseCreated = "response.created";
    public const string ResponseDone = "response.done";
    public const string ResponseOutputItemAdded = "response.output_item.added";
    public const string ResponseOutputItemDone = "response.output_item.done";
    public const string ResponseContentPartAdded = "response.content_part.added";
    public const string ResponseContentPartDone = "response.content_part.done";
    public const string ResponseOutputAudioDelta = "response.output_audio.delta";
    public const string ResponseOutputAudioDone = "response.output_audio.done";
    public const string ResponseOutputAudioTranscriptDelta = "response.output_audio_transcript.delta";
    public const string ResponseOutputAudioTranscriptDone = "response.output_audio_transcript.done";
    public const string ResponseOutputTextDelta = "response.output_text.delta";
    public const string ResponseOutputTextDone = "response.output_text.done";
    public const string ConversationCreated = "conversation.created";
    public const string ConversationItemCreated = "conversation.item.created";
    public const string InputAudioTranscriptionSegment = "conversation.item.input_audio_transcription.segment";
    public const string InputAudioBufferTimeoutTriggered = "input_audio_buffer.timeout_triggered";
    public const string InputAudioBufferDtmfEventReceived = "input_audio_buffer.dtmf_event_received";
    public const string RateLimitsUpdated = "rate_limits.updated";
    public const string ResponseFunctionCallArgumentsDelta = "response.function_call_arguments.delta";
    public const string ResponseFunctionCallArgumentsDone = "response.function_call_arguments.done";
    public const string OutputAudioBufferStarted = "output_audio_buffer.started";
    public const string OutputAudioBufferStopped = "output_audio_buffer.stopped";
    public const string OutputAudioBufferCleared = "output_audio_buffer.cleared";
}
