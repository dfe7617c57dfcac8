using System.Text;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Realtime.Protocol.Events;

namespace ActorVoice.Engine.Turns;

/// <summary>What a <see cref="SideResponse"/> is for.</summary>
public enum SideResponseKind
{
    /// <summary>The answer from a preliminary speculative result, requested before the final transcript; its audio is held until confirmed.</summary>
    Preemptive,

    /// <summary>A short acknowledgement spoken while the answer is not ready yet.</summary>
    Bridge,
}

/// <summary>
/// A response the turn requested beside its classic answer: a preemptive answer (held unplayed until the final
/// transcript confirms it, else cancelled and deleted) or a bridging acknowledgement. Mutable, owned by the
/// <see cref="TurnActor"/>. Responses are matched to their <c>response.created</c> in the order they were requested.
/// </summary>
public sealed class SideResponse(SideResponseKind kind, int turnNumber, IReadOnlyList<string> injectedItemIds, string answer, long jobId = 0, KnowledgeResult? result = null)
{
    public SideResponseKind Kind { get; } = kind;

    public int TurnNumber { get; } = turnNumber;

    /// <summary>The client ids of the items injected for it (deleted when it is discarded).</summary>
    public IReadOnlyList<string> InjectedItemIds { get; } = injectedItemIds;

    /// <summary>What was injected (the preemptive answer, or the bridge's text).</summary>
    public string Answer { get; } = answer;

    /// <summary>Preemptive: the speculative job whose result was injected (a <c>Ready</c> with this id confirms it).</summary>
    public long JobId { get; } = jobId;

    public KnowledgeResult? Result { get; } = result;

    public string? ResponseId { get; set; }

    public string? AssistantItemId { get; set; }

    public StringBuilder Spoken { get; } = new();

    public bool AudioSeen { get; set; }

    /// <summary>The server's <c>response.done</c>, once it arrived.</summary>
    public ResponseDone? DoneEvent { get; set; }

    /// <summary>The answer of its turn now (a confirmed preemptive response): handled as the turn's own response from then on.</summary>
    public bool Confirmed { get; set; }

    /// <summary>Cancelled: its items are deleted and its audio never played.</summary>
    public bool Discarded { get; set; }

    /// <summary>Bridge: its playback ended (or it had no audio), so the answer may play.</summary>
    public bool PlaybackFinished { get; set; }

    public bool Finished => PlaybackFinished || Discarded || (DoneEvent is not null && !AudioSeen);
}
