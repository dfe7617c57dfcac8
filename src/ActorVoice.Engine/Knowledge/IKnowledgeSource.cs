namespace ActorVoice.Engine.Knowledge;

/// <summary>
/// Where answers come from: the built-in document index or an existing chatbot / RAG backend. Queries run
/// asynchronously and honour the token, so speculative queries can be cancelled when they are superseded.
/// </summary>
public interface IKnowledgeSource : IDisposable
{
    /// <summary>A short description for logs, e.g. <c>index (42 chunks)</c> or the backend's URL.</summary>
    string Name { get; }

    /// <summary>
    /// Answers <paramref name="question"/>. With <paramref name="partial"/> the question is a transcript still being
    /// spoken: its last, possibly unfinished word is ignored.
    /// </summary>
    /// <exception cref="KnowledgeSourceException">The source failed (unreachable, too slow, bad reply); the message says why.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<KnowledgeResult> QueryAsync(string question, bool partial, CancellationToken cancellationToken);
}
