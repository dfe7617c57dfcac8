using ActorVoice.Speech.Synthesis;

namespace ActorVoice.Speech.Tests.Synthesis;

public sealed class EspeakSynthesizerTests
{
    [EspeakFact]
    public async Task Espeak_should_produce_16_khz_speech()
    {
        var synthesizer = new EspeakSynthesizer();

        var speech = await synthesizer.SynthesizeAsync("Hello there, how are you today?", CancellationToken.None);

        Assert.Equal(16_000, speech.SampleRate);
        Assert.InRange(speech.Duration.TotalSeconds, 0.8, 5);
    }

    [Fact]
    public async Task Espeak_should_return_empty_speech_for_empty_text_without_running_the_tool()
    {
        var synthesizer = new EspeakSynthesizer();

        var speech = await synthesizer.SynthesizeAsync("  ", CancellationToken.None);

        Assert.Empty(speech.Samples);
    }
}
