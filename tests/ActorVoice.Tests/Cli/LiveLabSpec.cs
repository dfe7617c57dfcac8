using ActorVoice.Cli.Lab;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Telemetry;
using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Scripts;
using ActorVoice.Tests.Telemetry;

namespace ActorVoice.Tests.Cli;

/// <summary>The live lab's pieces that need no realtime server: the strategy → settings mapping and the turn → row conversion.</summary>
public class LiveLabSpec
{
    private static readonly DateTimeOffset EndOfSpeech = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static TurnScript Script() => new()
    {
        Turn = 3,
        QuestionId = "q07",
        Question = "how many vacation days do i get",
        SpeechDurationMs = 2100,
        Partials = [new ScriptedPartial(-1000, "how many", 10)],
        SpeechEndLocalMs = 300,
        SpeechEndServiceMs = 500,
        FinalTranscriptMs = 900,
        FinalText = "how many vacation days do i get",
        FinalKnowledgeLatencyMs = 10,
        FirstAudioLatencyMs = 400,
        AnswerDurationMs = 3000,
        BridgeFirstAudioLatencyMs = 300,
        BridgeDurationMs = 800,
    };

    [Theory]
    [InlineData("sequential", "off", "off", "off")]
    [InlineData("speculative", "on", "off", "off")]
    [InlineData("speculative-preemptive", "on", "on", "off")]
    [InlineData("speculative-preemptive-bridge", "on", "on", "on")]
    [InlineData("sequential-bridge", "off", "off", "on")]
    public void A_strategy_should_map_to_its_engine_settings(string name, string speculation, string preemptive, string bridge)
    {
        var lines = StrategyName.Parse(name).EngineOverrides;

        Assert.Equal(
            [
                $"actorvoice.engine.speculation.enabled = {speculation}",
                $"actorvoice.engine.answer.preemptive = {preemptive}",
                $"actorvoice.engine.answer.bridge = {bridge}",
            ],
            lines);
    }

    [Fact]
    public void A_live_turn_should_become_a_row_with_its_marks_jobs_and_hit()
    {
        var collected = new LabTurnCollector.CollectedTurn(EndOfSpeech,
        [
            new TurnJobEvent(1, "how many vacation", true, JobChange.Started, EndOfSpeech.AddMilliseconds(-900)),
            new TurnJobEvent(2, "how many vacation days", true, JobChange.Started, EndOfSpeech.AddMilliseconds(-500)),
            new TurnJobEvent(1, "how many vacation", true, JobChange.Cancelled, EndOfSpeech.AddMilliseconds(-400)),
            new TurnJobEvent(2, "how many vacation days", true, JobChange.Succeeded, EndOfSpeech.AddMilliseconds(650)),
        ]);

        var row = LabTurnConverter.Convert(Script(), StrategyName.Parse("speculative"), TurnSpansSpec.Turn(), collected, _ => ["vacation.md#0"]);

        Assert.Equal("speculative", row.Strategy);
        Assert.Equal(3, row.Turn);
        Assert.Equal(-2000, row.SpeechStartMs);
        Assert.Equal([-1200.0], row.PartialsMs);
        Assert.Equal(600, row.FinalTranscriptMs);
        Assert.Equal(650, row.AnswerReadyMs);
        Assert.Equal(900, row.FirstAudioMs);
        Assert.Equal(1100, row.AnswerAudioMs);
        Assert.Equal(3600, row.PlaybackEndMs);
        Assert.True(row.Hit);
        Assert.True(row.Agreement);
        Assert.Equal(2, row.Jobs.Count);
        Assert.Equal(-400, row.Jobs[0].CancelMs);
        Assert.False(row.Jobs[0].Used);
        Assert.Equal(650, row.Jobs[1].EndMs);
        Assert.True(row.Jobs[1].Used);
        Assert.Equal(1, row.WastedJobs);
    }

    [Fact]
    public void A_hit_whose_document_a_fresh_query_does_not_retrieve_should_not_agree()
    {
        var row = LabTurnConverter.Convert(
            Script(), StrategyName.Parse("speculative"), TurnSpansSpec.Turn(), new LabTurnCollector.CollectedTurn(EndOfSpeech, []), _ => ["warranty.md#2"]);

        Assert.True(row.Hit);
        Assert.False(row.Agreement);
    }
}
