namespace ActorVoice.LocalServer.Answering;

/// <summary>
/// What the server says to a user turn when no client injected text for it. The local server has no language model;
/// started with documents, it answers from them (the host supplies an answerer built on the engine's retrieval and
/// answer composer), otherwise it admits it has no answer.
/// </summary>
public interface IOfflineAnswerer
{
    /// <summary>
    /// The text to speak for <paramref name="question"/>, the user turn's transcript (empty when there is none, e.g.
    /// transcription is off): an answer, or a sentence saying there is none. Called off the session's loop.
    /// </summary>
    Task<string> AnswerAsync(string question, CancellationToken cancellationToken);
}
