using Akka;
using Akka.Streams.Dsl;
using ActorVoice.Audio.Vad;
using ActorVoice.Speech.Recognition;

namespace ActorVoice.Speech.Streaming;

/// <summary>Local speech recognition as pass-through stages of an audio stream.</summary>
public static class RecognitionFlows
{
    /// <summary>
    /// Passes frames (mono PCM16 at <paramref name="sampleRate"/>) through unchanged while a local recognizer shadows them:
    /// an <see cref="EnergyVad"/> finds utterances; each utterance rents a decoder from <paramref name="pool"/>, is decoded
    /// from its speech start (prefix padding included), and reports to <paramref name="onEvent"/> (a thread-safe callback
    /// such as an actor's Tell) each time the partial hypothesis changes, then once with the final text at speech stop,
    /// when the decoder goes back to the pool. Upstream completion mid-utterance also yields the final; cancellation or
    /// failure just ends the utterance and returns the decoder. Each materialisation has its own detector.
    /// Renting never waits: when no decoder is free, the utterance goes unrecognised (logged once per stream).
    /// Decoding is CPU work: run this stage on a side branch behind an async boundary, not in the path it shadows.
    /// </summary>
    public static Flow<short[], short[], NotUsed> ShadowRecognizer(
        int sampleRate, VadParameters vad, IRecognizerPool pool, Action<LocalRecognitionEvent> onEvent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentNullException.ThrowIfNull(vad);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(onEvent);
        return Flow.FromGraph(new ShadowRecognizerStage(sampleRate, vad, pool, onEvent));
    }
}
