namespace ActorVoice.LocalServer.Answering;

/// <summary>A server without documents (or embedded under the engine, which injects every answer): no answer of its own.</summary>
public sealed class NoOfflineAnswerer : IOfflineAnswerer
{
    public const string NoAnswer = "Sorry, I have no answer for that.";

    public static NoOfflineAnswerer Instance { get; } = new();

    private NoOfflineAnswerer()
    {
    }

    public Task<string> AnswerAsync(string question, CancellationToken cancellationToken) => Task.FromResult(NoAnswer);
}
