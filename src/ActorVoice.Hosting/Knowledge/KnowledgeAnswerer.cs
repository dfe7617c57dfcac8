using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Turns.Injection;
using ActorVoice.LocalServer.Answering;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Hosting.Knowledge;

/// <summary>
/// The standalone local server's answers from documents: the engine's knowledge source (the document index, or the
/// configured HTTP backend) and the engine's answer text (<see cref="SpokenAnswer.TextFor"/>, which composes an
/// extractive answer introduced by its source, "From Vacation and Paid Leave: ..."), so any Realtime client hears what
/// the engine would say. A failed search is logged and answered with the configured no-answer text.
/// </summary>
internal sealed class KnowledgeAnswerer(IKnowledgeSource knowledge, EngineSettings settings, ILogger logger) : IOfflineAnswerer
{
    public async Task<string> AnswerAsync(string question, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return settings.Turn.NoAnswerText;
        }

        try
        {
            var result = await knowledge.QueryAsync(question, partial: false, cancellationToken);
            return SpokenAnswer.TextFor(question, result, settings);
        }
        catch (KnowledgeSourceException ex)
        {
            logger.LogWarning("Offline answer for \"{Question}\" failed: {Reason}", question, ex.Message);
            return settings.Turn.NoAnswerText;
        }
    }
}
