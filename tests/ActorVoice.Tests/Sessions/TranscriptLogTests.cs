using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Tests.Sessions;

public sealed class TranscriptLogTests
{
    [Fact]
    public void A_turn_leaves_the_users_words_and_only_the_heard_part_of_the_answer()
    {
        var log = new TranscriptLog(10);
        log.Add(new TurnResult(1, "q1") { Transcript = "how many vacation days", Answer = "You get twenty five days. Ask HR.", HeardAnswer = "You get twenty" });
        log.Add(new TurnResult(2, "q2") { Transcript = "", HeardAnswer = "" });
        Assert.Equal(
            [new TranscriptEntry(1, TranscriptEntry.User, "how many vacation days"), new TranscriptEntry(1, TranscriptEntry.Assistant, "You get twenty")],
            log.Entries);
    }

    [Fact]
    public void The_log_keeps_the_newest_entries_up_to_its_capacity()
    {
        var log = new TranscriptLog(3);
        for (var i = 1; i <= 4; i++)
        {
            log.Add(new TurnResult(i, $"q{i}") { Transcript = $"question {i}", HeardAnswer = $"answer {i}" });
        }

        Assert.Equal(["answer 3", "question 4", "answer 4"], log.Entries.Select(e => e.Text));
    }
}
