namespace ActorVoice.Lab.Experiments;

/// <summary>An experiment file is missing a key or has an invalid value; <see cref="Key"/> names it in full.</summary>
public sealed class ExperimentConfigException : Exception
{
    public ExperimentConfigException()
    {
        Key = string.Empty;
    }

    public ExperimentConfigException(string message)
        : base(message)
    {
        Key = string.Empty;
    }

    public ExperimentConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = string.Empty;
    }

    public ExperimentConfigException(string key, string problem, Exception? innerException = null)
        : base($"{key}: {problem}", innerException)
    {
        Key = key;
    }

    /// <summary>The full HOCON path of the offending key, e.g. <c>experiment.knowledge.latency.min</c>.</summary>
    public string Key { get; }
}
