using Akka;
using Akka.Streams.Dsl;

namespace ActorVoice.Audio.Vad;

/// <summary>Voice activity detection as a pass-through stage of an audio stream.</summary>
public static class VadFlows
{
    /// <summary>
    /// Passes frames through unchanged and reports speech transitions to <paramref name="onTransition"/> (a thread-safe
    /// callback such as an actor's Tell): one call per transition, never one per frame. Each materialisation gets its
    /// own detector.
    /// </summary>
    public static Flow<short[], short[], NotUsed> Detect(int sampleRate, VadParameters parameters, Action<VadTransition> onTransition) =>
        Flow.Create<short[]>().StatefulSelectMany<short[], short[], short[], NotUsed>(() =>
        {
            var vad = new EnergyVad(sampleRate, parameters);
            return frame =>
            {
                foreach (var transition in vad.Process(frame))
                {
                    onTransition(transition);
                }

                return [frame];
            };
        });
}
