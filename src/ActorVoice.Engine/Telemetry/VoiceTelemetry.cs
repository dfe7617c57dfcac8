using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ActorVoice.Engine.Telemetry;

/// <summary>
/// The engine's System.Diagnostics instruments: the <see cref="ActivitySource"/> "ActorVoice" (one span per turn with
/// a child span per stage) and the <see cref="Meter"/> "ActorVoice" (per-turn latency histograms in milliseconds and
/// the speculation hit counter). OpenTelemetry exporters pick them up by name
/// (<c>AddSource("ActorVoice")</c>, <c>AddMeter("ActorVoice")</c>); nothing is recorded until a listener subscribes.
/// </summary>
public sealed class VoiceTelemetry : IDisposable
{
    public const string Name = "ActorVoice";
    public const string VoiceToVoiceInstrument = "actorvoice.turn.voice_to_voice";
    public const string AnswerAudioInstrument = "actorvoice.turn.answer_audio";
    public const string RagAddedInstrument = "actorvoice.turn.rag_added";
    public const string FinalTranscriptInstrument = "actorvoice.turn.final_transcript";
    public const string SpeculationHitsInstrument = "actorvoice.speculation.hits";
    public const string TurnsInstrument = "actorvoice.turns";
    public const string ReconnectsInstrument = "actorvoice.realtime.reconnects";
    public const string ReconnectDurationInstrument = "actorvoice.realtime.reconnect_duration";

    /// <summary>The process-wide instruments the engine uses.</summary>
    public static VoiceTelemetry Shared { get; } = new();

    /// <summary>Creates a separate set of instruments with the same names (tests listen to their own).</summary>
    public VoiceTelemetry()
    {
        Source = new ActivitySource(Name);
        Meter = new Meter(Name);
        VoiceToVoice = Meter.CreateHistogram<double>(VoiceToVoiceInstrument, "ms", "End of user speech to the first assistant audio (a bridge included).");
        AnswerAudio = Meter.CreateHistogram<double>(AnswerAudioInstrument, "ms", "End of user speech to the first audio of the answer itself.");
        RagAdded = Meter.CreateHistogram<double>(RagAddedInstrument, "ms", "How long the answer's knowledge kept the turn waiting after the final transcript.");
        FinalTranscript = Meter.CreateHistogram<double>(FinalTranscriptInstrument, "ms", "End of user speech to the final transcript.");
        SpeculationHits = Meter.CreateCounter<long>(SpeculationHitsInstrument, "{turn}", "Turns answered from a speculative retrieval result.");
        Turns = Meter.CreateCounter<long>(TurnsInstrument, "{turn}", "Turns completed, by outcome.");
        Reconnects = Meter.CreateCounter<long>(ReconnectsInstrument, "{connection}", "Realtime connections replaced (lost and reconnected, or recycled), re-seeded from the transcript log.");
        ReconnectDuration = Meter.CreateHistogram<double>(ReconnectDurationInstrument, "ms", "From a connection's loss (or planned handoff) to its successor configured and re-seeded.");
    }

    public ActivitySource Source { get; }

    public Meter Meter { get; }

    public Histogram<double> VoiceToVoice { get; }

    public Histogram<double> AnswerAudio { get; }

    public Histogram<double> RagAdded { get; }

    public Histogram<double> FinalTranscript { get; }

    public Counter<long> SpeculationHits { get; }

    public Counter<long> Turns { get; }

    public Counter<long> Reconnects { get; }

    public Histogram<double> ReconnectDuration { get; }

    public void Dispose()
    {
        Source.Dispose();
        Meter.Dispose();
    }
}
