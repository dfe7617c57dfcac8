using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Runners;

namespace ActorVoice.Lab;

/// <summary>
/// What a turn runner may need from the lab: the settings, the experiment file (to resolve its paths), the lab's fast
/// retriever over the questions' corpus (document ids, best first; memoised) and the default reuse judge built on it.
/// </summary>
public sealed record LabRunnerContext(
    ExperimentSettings Settings,
    string ExperimentFile,
    Func<string, IReadOnlyList<string>> Retriever,
    IReuseJudge Judge);
