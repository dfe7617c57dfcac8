using System.Globalization;
using ActorVoice.Engine.Answers;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.Engine.Turns.Injection;

/// <summary>The client events every injection mode builds on: a system message and a spoken response tagged with its turn.</summary>
public static class SpokenAnswer
{
    /// <summary>
    /// Has <paramref name="text"/> read out: it goes in as a system message and the response reads it. The local server
    /// speaks the newest injected text verbatim; a model is instructed to do the same.
    /// </summary>
    public static InjectionStep Speak(TurnState turn, string text)
    {
        ArgumentNullException.ThrowIfNull(turn);
        turn.Answer = text;
        return new InjectionStep([SystemMessage(text), Response(turn, null)], InjectionNext.Answer);
    }

    /// <summary>
    /// The answer to <paramref name="question"/>: a backend's own answer (HTTP chatbot) as it is, else the answer
    /// composed from the passages, else the configured fallback.
    /// </summary>
    public static string TextFor(string question, KnowledgeResult result, EngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(settings);
        return !string.IsNullOrWhiteSpace(result.Answer)
            ? result.Answer
            : AnswerComposer.Compose(question, result.Passages, settings.Answer)?.Text ?? settings.Turn.NoAnswerText;
    }

    public static ConversationItemCreate SystemMessage(string text) => new(ConversationItem.TextMessage("system", text));

    /// <summary><c>response.create</c> for <paramref name="turn"/> (its number in the metadata), with optional instructions.</summary>
    public static ResponseCreate Response(TurnState turn, string? instructions)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return new ResponseCreate
        {
            Response = new ResponseCreateParams
            {
                Instructions = instructions,
                Metadata = new Dictionary<string, string> { ["actorvoice_turn"] = turn.Number.ToString(CultureInfo.InvariantCulture) },
            },
        };
    }
}
