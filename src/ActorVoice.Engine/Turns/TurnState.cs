using ActorVoice.Realtime.Protocol;
using System.Text;
using Akka.Actor;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns.BargeIn;

namespace ActorVoice.Engine.Turns;

/// <summary>
/// The data of one turn while it runs: what the user said, what was retrieved and answered, the ids the realtime
/// server gave the turn's items and responses, and what playback reported. Mutable and owned by the
/// <see cref="TurnActor"/> (touched only on its thread); <see cref="TurnResultBuilder"/> turns it into a <see cref="TurnResult"/>.
/// </summary>
public sealed class TurnState(int number, string label, IActorRef replyTo, TurnActor.Interrupt? interrupt)
{
    public int Number { get; } = number;

    public string Label { get; } = label;

    /// <summary>Gets the <see cref="TurnResult"/> (Nobody for a turn the user started by just talking).</summary>
    public IActorRef ReplyTo { get; } = replyTo;

    /// <summary>The barge-in experiment of this turn, if any.</summary>
    public TurnActor.Interrupt? Interrupt { get; } = interrupt;

    /// <summary>The conversation item of the user's speech (the server's id), once known.</summary>
    public string? UserItemId { get; set; }

    public TimelineRecorder Timeline { get; } = new();

    /// <summary>The transcription deltas so far, concatenated.</summary>
    public StringBuilder PartialText { get; } = new();

    public List<string> Partials { get; } = [];

    public List<string> LocalPartials { get; } = [];

    public string Transcript { get; set; } = string.Empty;

    public IReadOnlyList<TurnSource> Sources { get; set; } = [];

    public SpeculationStats? Speculation { get; set; }

    /// <summary>What was injected: the verbatim answer, the passages context, or the tool's answer.</summary>
    public string Answer { get; set; } = string.Empty;

    /// <summary>Tool mode: the model's <c>search_knowledge</c> call, the response that made it and whether that response is done.</summary>
    public string? ToolCallId { get; set; }

    public string? ToolResponseId { get; set; }

    public bool ToolResponseDone { get; set; }

    /// <summary>Tool mode: the JSON returned to the model, once the knowledge is in.</summary>
    public string? ToolOutput { get; set; }

    /// <summary>The spoken response of this turn.</summary>
    public string? ResponseId { get; set; }

    /// <summary>The assistant's audio item (set by its first audio delta).</summary>
    public string? AssistantItemId { get; set; }

    /// <summary>The status of the spoken response once it is done (null while it runs).</summary>
    public string? ResponseStatus { get; set; }

    /// <summary>The assistant's spoken transcript as the server streams it.</summary>
    public StringBuilder Spoken { get; } = new();

    /// <summary>Set when the user cut in: the words of the answer the user heard.</summary>
    public string? HeardAnswer { get; set; }

    public long AudioPlayedMs { get; set; }

    public long AudioReceivedMs { get; set; }

    public string? AudioFile { get; set; }

    /// <summary>Set when the user cut in: who decided and when.</summary>
    public BargeInDetection? BargeIn { get; set; }

    public BargeInReport? BargeInReport { get; set; }

    public List<string> Backchannels { get; } = [];

    public List<string> ServerErrors { get; } = [];

    public TurnOutcome Outcome { get; set; } = TurnOutcome.Answered;

    public string? Error { get; set; }

    /// <summary>The turn gave up on its notice while it played and ends when playback reports how much was heard.</summary>
    public bool AwaitingAbandonedPlayback { get; set; }

    /// <summary>Every assistant item this turn cut back to what was played (barge-in, abandoned answer).</summary>
    public List<ItemTruncation> Truncations { get; } = [];

    /// <summary>The local VAD heard the end of speech and the question was handed to the speculator (once per turn).</summary>
    public bool QuestionClosed { get; set; }

    /// <summary>The text the question was closed with (what a preemptive answer answers).</summary>
    public string? ClosedQuestion { get; set; }

    /// <summary>The bridge timer was started (once per turn, at the first end of speech seen).</summary>
    public bool BridgeScheduled { get; set; }

    /// <summary>The local VAD hears the user speak now.</summary>
    public bool LocalSpeaking { get; set; }

    /// <summary>The local recognizer's final text of the utterance, once known.</summary>
    public string? LocalFinal { get; set; }

    /// <summary>The preemptive answer requested before the final transcript, if any.</summary>
    public SideResponse? Preemptive { get; set; }

    /// <summary>The bridging acknowledgement, if one was spoken.</summary>
    public SideResponse? Bridge { get; set; }

    /// <summary>The answer's response was requested (or a preemptive one confirmed): no bridge any more.</summary>
    public bool AnswerRequested { get; set; }

    /// <summary>The answer's audio was accepted for playback (the answer's first audio, as the user hears it).</summary>
    public bool AnswerAccepted { get; set; }

    /// <summary>The answer's response was done before its audio was accepted: playback hears of its end once it plays.</summary>
    public bool AnswerEndPending { get; set; }

    /// <summary>When playback was paused for a possible barge-in (the user heard silence from then), while paused.</summary>
    public DateTimeOffset? PausedAt { get; set; }

    /// <summary>Pauses that resumed because no words followed.</summary>
    public int FalseInterruptions { get; set; }

    /// <summary>Why a spoken fallback replaced the answer; set once, when the fallback is requested.</summary>
    public string? FallbackReason { get; set; }

    /// <summary>The answer's response ended incomplete or failed once and was asked for again.</summary>
    public bool ResponseRetried { get; set; }

    /// <summary>Why the answer's response ended incomplete or failed, while that is being handled.</summary>
    public string? ResponseFailure { get; set; }

    /// <summary>The last system message injected for this turn and the last <c>response.create</c>: what a retry re-sends.</summary>
    public ClientEvent? LastInjected { get; set; }

    public ClientEvent? LastResponseCreate { get; set; }

    /// <summary>The result was sent; later events cannot complete the turn twice.</summary>
    public bool Completed { get; set; }
}
