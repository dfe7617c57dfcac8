using System.Text.Json;
using Akka.Actor;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Turns;
using ActorVoice.Engine.Turns.Injection;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;

namespace ActorVoice.Tests.Turns;

/// <summary>The three injection strategies: the client events each produces and the state that follows.</summary>
public class AnswerInjectionSpec
{
    private static readonly KnowledgePassage Vacation = new("handbook/vacation.md", 1, "Vacation and Paid Leave > Days", " Every employee gets twenty-two paid vacation days per year. ", 7.5);
    private static readonly KnowledgePassage Sick = new("handbook/sick.md", 2, "Sick Leave", "Sick days need a note after three days.", 5.1);
    private static readonly KnowledgePassage Parking = new("handbook/parking.md", 3, "Parking", "Parking is free.", 2.0);

    private static EngineSettings Settings(AnswerInjection injection, int contextPassages = 3) =>
        EngineSettings.Reference with { Answer = EngineSettings.Reference.Answer with { Injection = injection, ContextPassages = contextPassages } };

    private static TurnState Turn() => new(4, "t4", ActorRefs.Nobody, null) { Transcript = "how many vacation days do i get" };

    private static KnowledgeResult Result(string? answer, params KnowledgePassage[] passages) =>
        new("how many vacation days do i get", passages, answer, TimeSpan.FromMilliseconds(5));

    private static string SystemText(ClientEvent e)
    {
        var create = Assert.IsType<ConversationItemCreate>(e);
        Assert.Equal("system", create.Item.Role);
        return create.Item.Content![0].Text!;
    }

    private static ResponseCreate TurnResponse(ClientEvent e)
    {
        var response = Assert.IsType<ResponseCreate>(e);
        Assert.Equal("4", response.Response!.Metadata!["actorvoice_turn"]);
        return response;
    }

    private static void AssertRetrieves(InjectionStep step)
    {
        Assert.Equal(InjectionNext.Retrieve, step.Next);
        Assert.Empty(step.Events);
    }

    [Theory]
    [InlineData(AnswerInjection.Verbatim, typeof(VerbatimInjection))]
    [InlineData(AnswerInjection.Passages, typeof(PassagesInjection))]
    [InlineData(AnswerInjection.Tool, typeof(ToolInjection))]
    public void The_configured_mode_should_choose_its_strategy(AnswerInjection mode, Type strategy) =>
        Assert.IsType(strategy, AnswerInjections.For(Settings(mode)));

    [Fact]
    public void Verbatim_should_wait_for_the_knowledge_then_have_the_composed_answer_read_out()
    {
        var injection = new VerbatimInjection(Settings(AnswerInjection.Verbatim));
        var turn = Turn();

        AssertRetrieves(injection.OnFinalTranscript(turn));
        var step = injection.OnKnowledge(turn, Result(null, Vacation));

        Assert.Equal(InjectionNext.Answer, step.Next);
        Assert.Equal(2, step.Events.Count);
        Assert.Contains("twenty-two paid vacation days", SystemText(step.Events[0]), StringComparison.Ordinal);
        Assert.Null(TurnResponse(step.Events[1]).Response!.Instructions);
        Assert.Equal(SystemText(step.Events[0]), turn.Answer);
    }

    [Fact]
    public void Verbatim_should_speak_a_backends_own_answer_as_it_is()
    {
        var step = new VerbatimInjection(Settings(AnswerInjection.Verbatim)).OnKnowledge(Turn(), Result("The warranty lasts two years.", Vacation));

        Assert.Equal("The warranty lasts two years.", SystemText(step.Events[0]));
    }

    [Fact]
    public void Verbatim_should_speak_the_fallback_without_passages_or_when_the_source_failed()
    {
        var settings = Settings(AnswerInjection.Verbatim);
        var injection = new VerbatimInjection(settings);

        Assert.Equal(settings.Turn.NoAnswerText, SystemText(injection.OnKnowledge(Turn(), Result(null)).Events[0]));
        var failed = injection.OnKnowledgeFailed(Turn());
        Assert.Equal(settings.Turn.FallbackText, SystemText(failed.Events[0]));
        Assert.Equal(InjectionNext.Answer, failed.Next);
        Assert.Same(InjectionStep.Wait, injection.OnToolCallDone(Turn()));
    }

    [Fact]
    public void Passages_should_inject_the_numbered_context_and_ask_for_an_answer_from_it()
    {
        var settings = Settings(AnswerInjection.Passages, contextPassages: 2);
        var turn = Turn();

        var step = new PassagesInjection(settings).OnKnowledge(turn, Result(null, Vacation, Sick, Parking));

        Assert.Equal(InjectionNext.Answer, step.Next);
        Assert.Equal(
            "Context from the organisation's documents:\n"
            + "[1] handbook/vacation.md (Vacation and Paid Leave > Days): Every employee gets twenty-two paid vacation days per year.\n"
            + "[2] handbook/sick.md (Sick Leave): Sick days need a note after three days.",
            SystemText(step.Events[0]));
        Assert.Equal(SystemText(step.Events[0]), turn.Answer);
        var instructions = TurnResponse(step.Events[1]).Response!.Instructions!;
        Assert.StartsWith(settings.Realtime.Instructions, instructions, StringComparison.Ordinal);
        Assert.EndsWith("using only the context above, and name the document you used.", instructions, StringComparison.Ordinal);
    }

    [Fact]
    public void Passages_should_speak_a_backend_answer_or_the_fallback_as_they_are()
    {
        var settings = Settings(AnswerInjection.Passages);
        var injection = new PassagesInjection(settings);

        AssertRetrieves(injection.OnFinalTranscript(Turn()));
        var backend = injection.OnKnowledge(Turn(), Result("Two years.", Vacation));
        Assert.Equal("Two years.", SystemText(backend.Events[0]));
        Assert.Null(TurnResponse(backend.Events[1]).Response!.Instructions);
        Assert.Equal(settings.Turn.NoAnswerText, SystemText(injection.OnKnowledge(Turn(), Result(null)).Events[0]));
        Assert.Equal(settings.Turn.FallbackText, SystemText(injection.OnKnowledgeFailed(Turn()).Events[0]));
    }

    [Fact]
    public void Tool_should_first_ask_the_model_to_respond_with_the_tool_available()
    {
        var step = new ToolInjection(Settings(AnswerInjection.Tool)).OnFinalTranscript(Turn());

        Assert.Equal(InjectionNext.ToolCall, step.Next);
        Assert.Null(TurnResponse(Assert.Single(step.Events)).Response!.Instructions);
    }

    [Fact]
    public void Tool_should_return_the_knowledge_once_both_it_and_the_finished_call_are_in()
    {
        var injection = new ToolInjection(Settings(AnswerInjection.Tool, contextPassages: 1));
        var turn = Turn();
        turn.ResponseId = "resp_t";

        Assert.Same(InjectionStep.Wait, injection.OnKnowledge(turn, Result(null, Vacation, Sick)));
        turn.ToolCallId = "call_1";
        Assert.Same(InjectionStep.Wait, injection.OnToolCallDone(turn));
        turn.ToolResponseDone = true;
        var step = injection.OnToolCallDone(turn);

        Assert.Equal(InjectionNext.Answer, step.Next);
        var output = Assert.IsType<ConversationItemCreate>(step.Events[0]).Item;
        Assert.Equal("function_call_output", output.Type);
        Assert.Equal("call_1", output.CallId);
        using var json = JsonDocument.Parse(output.Output!);
        Assert.Contains("twenty-two paid vacation days", json.RootElement.GetProperty("answer").GetString(), StringComparison.Ordinal);
        var passage = Assert.Single(json.RootElement.GetProperty("passages").EnumerateArray());
        Assert.Equal("handbook/vacation.md", passage.GetProperty("document").GetString());
        Assert.Equal("Every employee gets twenty-two paid vacation days per year.", passage.GetProperty("text").GetString());
        Assert.Null(TurnResponse(step.Events[1]).Response!.Instructions);
        Assert.Null(turn.ResponseId);
        Assert.Equal(json.RootElement.GetProperty("answer").GetString(), turn.Answer);
    }

    [Fact]
    public void Tool_should_answer_a_finished_call_as_soon_as_the_knowledge_arrives()
    {
        var injection = new ToolInjection(Settings(AnswerInjection.Tool));
        var turn = Turn();
        turn.ToolCallId = "call_1";
        turn.ToolResponseDone = true;

        Assert.Same(InjectionStep.Wait, injection.OnToolCallDone(turn));
        var step = injection.OnKnowledge(turn, Result("Two years.", Vacation));

        Assert.Equal(InjectionNext.Answer, step.Next);
        using var json = JsonDocument.Parse(Assert.IsType<ConversationItemCreate>(step.Events[0]).Item.Output!);
        Assert.Equal("Two years.", json.RootElement.GetProperty("answer").GetString());
    }

    [Fact]
    public void Tool_should_return_the_fallback_when_the_source_failed()
    {
        var settings = Settings(AnswerInjection.Tool);
        var turn = Turn();
        turn.ToolCallId = "call_1";
        turn.ToolResponseDone = true;

        var step = new ToolInjection(settings).OnKnowledgeFailed(turn);

        using var json = JsonDocument.Parse(Assert.IsType<ConversationItemCreate>(step.Events[0]).Item.Output!);
        Assert.Equal(settings.Turn.FallbackText, json.RootElement.GetProperty("answer").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("passages").GetArrayLength());
    }
}
