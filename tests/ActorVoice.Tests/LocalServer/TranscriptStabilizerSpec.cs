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
    public void A_revision_of_already_sent_words_should_send_nothing_more()
    {
        var stabilizer = new TranscriptStabilizer(stableUpdates: 1);
        Assert.Equal("can", stabilizer.Update("can i"));
        Assert.Null(stabilizer.Update("how many days"));
        Assert.Null(stabilizer.Update("how many days off"));
        Assert.Equal("can", stabilizer.EmittedText);
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
    public void Flush_should_send_nothing_when_the_hypothesis_revised_sent_words()
    {
        var stabilizer = new TranscriptStabilizer(stableUpdates: 1);
        Assert.Equal("can", stabilizer.Update("can i"));
        Assert.Null(stabilizer.Flush("how many days"));
    }
}
