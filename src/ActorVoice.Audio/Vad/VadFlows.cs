using Akka;
using Akka.Streams.Dsl;

namespace ActorVoice.Audio.Vad;

/// <summary>Voice activity detection as a pass-through stage of an audio stream.</summary>
public static class VadFlows
{
    /// <summary>
    /// Passes frames through unchanged and reports speech transitions to <paramref name="onTransition"/> (a thread-safe
    /// callback such as an actor's Tell): one call per transition, never one per frame. Each materialisation gets its
    /// own energy detector.
    /// </summary>
    public static Flow<short[], short[], NotUsed> Detect(int sampleRate, VadParameters parameters, Action<VadTransition> onTransition) =>
        Detect(sampleRate, parameters, VadChoice.Energy, onTransition);

    /// <summary>
    /// As above with the detector <paramref name="choice"/> names (energy or Silero). Each materialisation gets its own
    /// detector, disposed when the stream stops; a Silero model that cannot be loaded fails the stream with its error.
    /// </summary>
    public static Flow<short[], short[], NotUsed> Detect(
        int sampleRate, VadParameters parameters, VadChoice choice, Action<VadTransition> onTransition)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(choice);
        ArgumentNullException.ThrowIfNull(onTransition);
        return Flow.FromGraph(new VadStage(() => choice.Create(sampleRate, parameters), onTransition));
    }
}
