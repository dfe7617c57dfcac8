namespace ActorVoice.Lab.Runners;

/// <summary>Decides whether a result retrieved for <c>speculatedQuery</c> answers <c>question</c>.</summary>
public interface IReuseJudge
{
    bool Answers(string speculatedQuery, string question);
}
