namespace ActorVoice.Lab.Experiments;

/// <summary>How an experiment's turns are produced.</summary>
public enum ExperimentMode
{
    /// <summary>Virtual time: a scripted peer whose stage latencies come from seeded distributions.</summary>
    Simulated,

    /// <summary>Real time: the local realtime server, spoken sample questions and a real knowledge source.</summary>
    Live,
}
