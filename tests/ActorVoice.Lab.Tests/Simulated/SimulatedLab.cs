using ActorVoice.Evaluation.Noise;
using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Runners;
using ActorVoice.Lab.Runners.Simulated;
using ActorVoice.Lab.Scripts;
using ActorVoice.Lab.Tests.Support;

namespace ActorVoice.Lab.Tests.Simulated;

/// <summary>A simulated experiment over the sample questions, its scripts and a <see cref="SimulatedEngineRunner"/> (disposed with it).</summary>
internal sealed class SimulatedLab : IDisposable
{
    private readonly IDisposable _index;

    public SimulatedLab(int seed, int turns, string extra = "")
    {
        var folder = LabTestFiles.NewTempFolder();
        ExperimentFile = LabTestFiles.WriteExperiment(folder, "sim", seed, turns, "strategies = [sequential, speculative]\n" + extra);
        Settings = ExperimentSettingsReader.ReadFile(ExperimentFile);
        var questions = QuestionSetLoader.Load(Settings.Questions, ExperimentFile);
        var dictionary = SoundAlikeDictionary.Load(LabPaths.Resolve(Settings.Recognizer.SoundAlikeDictionary, ExperimentFile));
        Scripts = new TurnScriptGenerator(Settings, questions, dictionary).Generate();
        var (retrieve, index) = LabCorpus.Bm25(LabCorpus.Load(Settings.Questions, ExperimentFile));
        _index = index;
        var retriever = new CachedRetriever(retrieve);
        Context = new LabRunnerContext(Settings, ExperimentFile, retriever.Retrieve, new TopDocumentsReuseJudge(retriever.Retrieve, Settings.Speculation.ReuseTopK));
        Runner = new SimulatedEngineRunner(Context);
    }

    public string ExperimentFile { get; }

    public ExperimentSettings Settings { get; }

    public IReadOnlyList<TurnScript> Scripts { get; }

    public LabRunnerContext Context { get; }

    public SimulatedEngineRunner Runner { get; }

    public void Dispose()
    {
        Runner.Dispose();
        _index.Dispose();
    }
}
