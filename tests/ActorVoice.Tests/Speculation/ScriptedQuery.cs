using ActorVoice.Engine.Knowledge;

namespace ActorVoice.Tests.Speculation;

/// <summary>One query to <see cref="ScriptedKnowledgeSource"/>, completed by the test.</summary>
public sealed class ScriptedQuery
{
    private readonly TaskCompletionSource<KnowledgeResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScriptedQuery(string question, bool partial, CancellationToken token)
    {
        Question = question;
        Partial = partial;
        Token = token;
        token.Register(() => _completion.TrySetCanceled(token));
    }

    public string Question { get; }

    public bool Partial { get; }

    public CancellationToken Token { get; }

    public Task<KnowledgeResult> Task => _completion.Task;

    /// <summary>Answers with one passage per document, in order.</summary>
    public KnowledgeResult Complete(params string[] documents)
    {
        var result = new KnowledgeResult(
            Question,
            [.. documents.Select((d, i) => new KnowledgePassage(d, i, "Heading", $"Text of {d}", 10 - i))],
            null,
            TimeSpan.FromMilliseconds(1));
        _completion.SetResult(result);
        return result;
    }

    public void Fail(string message) => _completion.SetException(new KnowledgeSourceException(message));
}
