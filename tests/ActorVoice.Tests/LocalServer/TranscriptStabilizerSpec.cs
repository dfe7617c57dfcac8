using ActorVoice.LocalServer.Transcription;

namespace ActorVoice.Tests.LocalServer;

public class TranscriptStabilizerSpec
{
    private static readonly string[] Hypotheses = ["what is", "what is the", "what is the warranty", "what is the warranty period"];

    [Fact]
    public void Words_should_be_sent_only_after_keeping_their_place_and_never_the_last_word()
    {
        var stabilizer = new TranscriptStabilizer(stableUpdates: 2);
        Assert.Null(stabilizer.Update("how many"));
        Assert.Equal("how", stabilizer.Update("how many"));
        Assert.Null(stabilizer.Update("how many"));
        Assert.Equal(" many", stabilizer.Update("how many vacation"));
        Assert.Null(stabilizer.Update("how many vacation"));
        Assert.Equal("how many", stabilizer.EmittedText);
    }

    [Fact]
    public void A_revision_of_already_sent_words_should_keep_them_and_go_on_with_the_stable_words_after_them()
    {
        var stabilizer = new TranscriptStabilizer(stableUpdates: 2);
        Assert.Null(stabilizer.Update("and what kind of"));
        Assert.Equal("and what kind", stabilizer.Update("and what kind of"));

        // The recognizer now hears "time" where "kind" was sent: the sent words stay, the later ones still come.
        Assert.Null(stabilizer.Update("and what time of the night"));
        Assert.Equal(" of the", stabilizer.Update("and what time of the night"));
        Assert.Equal(" night", stabilizer.Update("and what time of the night mode schedule"));
        Assert.Equal(" mode", stabilizer.Update("and what time of the night mode schedule"));
        Assert.Equal("and what kind of the night mode", stabilizer.EmittedText);
    }

    [Fact]
    public void A_hypothesis_shorter_than_the_sent_text_should_send_nothing_until_it_grows_past_it()
    {
        var stabilizer = new TranscriptStabilizer(stableUpdates: 1);
        Assert.Equal("the pure if", stabilizer.Update("the pure if fire"));
        Assert.Null(stabilizer.Update("the purifier"));
        Assert.Null(stabilizer.Update("the purifier work with"));
        Assert.Equal(" with a", stabilizer.Update("the purifier work with a five"));
    }

    [Fact]
    public void Concatenated_deltas_should_equal_the_sent_text()
    {
        var stabilizer = new TranscriptStabilizer(stableUpdates: 1);
        var deltas = Hypotheses.Select(stabilizer.Update)
            .Where(d => d is not null);
        Assert.Equal("what is the warranty", string.Concat(deltas));
    }

    [Fact]
    public void Flush_should_send_the_rest_of_the_hypothesis_including_its_last_word_once()
    {
        var stabilizer = new TranscriptStabilizer(stableUpdates: 1);
        Assert.Equal("how many", stabilizer.Update("how many vacation"));
        Assert.Equal(" vacation days", stabilizer.Flush("how many vacation days"));
        Assert.Null(stabilizer.Flush("how many vacation days"));
        Assert.Equal("how many vacation days", stabilizer.EmittedText);
    }

    [Fact]
    public void Flush_should_send_the_words_after_the_sent_ones_even_when_the_hypothesis_revised_them()
    {
        var stabilizer = new TranscriptStabilizer(stableUpdates: 1);
        Assert.Equal("can", stabilizer.Update("can i"));
        Assert.Equal(" many days", stabilizer.Flush("how many days"));
        Assert.Null(stabilizer.Flush("how"));
    }
}
