namespace ActorVoice.Engine.Turns;

/// <summary>The names of <see cref="TimelineMark"/>s: the vocabulary of the latency lab, traces and telemetry.</summary>
public static class TimelineMarks
{
    public const string SpeechStartLocal = "speech_start.local_vad";
    public const string SpeechEndLocal = "speech_end.local_vad";
    public const string SpeechStartService = "speech_start.service_vad";
    public const string SpeechEndService = "speech_end.service_vad";
    public const string Commit = "commit";
    public const string Partial = "partial";
    public const string LocalPartial = "partial.local";
    public const string QuestionClosed = "question_closed";
    public const string FinalTranscript = "final_transcript";
    public const string JobStart = "retrieval.job_start";
    public const string JobEnd = "retrieval.job_end";
    public const string JobCancel = "retrieval.job_cancel";
    public const string AnswerReady = "answer_ready";
    public const string ResponseCreate = "response.create";
    public const string PreemptiveResponseCreate = "response.create.preemptive";
    public const string PreemptiveConfirmed = "preemptive.confirmed";
    public const string PreemptiveDiscarded = "preemptive.discarded";
    public const string BridgeStart = "bridge.start";
    public const string FirstAudio = "first_audio";
    public const string FirstAnswerAudio = "first_answer_audio";
    public const string PlaybackStart = "playback.start";
    public const string PlaybackEnd = "playback.end";
    public const string BargeInDetected = "barge_in.detected";
    public const string PlaybackSilent = "playback.silent";
    public const string BargeInPaused = "barge_in.paused";
    public const string BargeInResumed = "barge_in.resumed";
    public const string Fallback = "fallback";
    public const string ResponseRetry = "response.retry";
    public const string TruncateSent = "truncate.sent";
}
