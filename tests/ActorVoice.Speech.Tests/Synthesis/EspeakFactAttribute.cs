using ActorVoice.Speech.Synthesis;

namespace ActorVoice.Speech.Tests.Synthesis;

/// <summary>A fact that is skipped, with the reason, when espeak-ng is not installed.</summary>
public sealed class EspeakFactAttribute : FactAttribute
{
    public EspeakFactAttribute()
    {
        if (!EspeakSynthesizer.IsAvailable)
        {
            Skip = "espeak-ng is not installed (Debian package espeak-ng); EspeakSynthesizer is optional.";
        }
    }
}
