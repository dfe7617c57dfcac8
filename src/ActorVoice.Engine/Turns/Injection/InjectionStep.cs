using ActorVoice.Realtime.Protocol;

namespace ActorVoice.Engine.Turns.Injection;

/// <summary>What an <see cref="IAnswerInjection"/> asks the turn actor to do: send <paramref name="Events"/> in order, then go <paramref name="Next"/>.</summary>
public sealed record InjectionStep(IReadOnlyList<ClientEvent> Events, InjectionNext Next)
{
    /// <summary>Nothing to send; the turn stays where it is.</summary>
    public static InjectionStep Wait { get; } = new([], InjectionNext.Wait);
}

/// <summary>The turn state that follows an <see cref="InjectionStep"/>.</summary>
public enum InjectionNext
{
    /// <summary>Stay in the current state (something the injection needs has not arrived yet).</summary>
    Wait,

    /// <summary>Wait for the knowledge (retrieving).</summary>
    Retrieve,

    /// <summary>The model was asked to respond with the knowledge tool; wait for its call and the knowledge (tool call).</summary>
    ToolCall,

    /// <summary>A spoken response was requested; wait for its audio (answering).</summary>
    Answer,
}
