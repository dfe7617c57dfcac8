namespace ActorVoice.Config;

/// <summary>A configured value that cannot be used; the message names the full HOCON key and what is wrong with it.</summary>
public sealed class InvalidSettingException : InvalidOperationException
{
    public InvalidSettingException()
        : this("(unknown)", "is invalid")
    {
    }

    public InvalidSettingException(string message)
        : base(message)
    {
        Key = string.Empty;
    }

    public InvalidSettingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = string.Empty;
    }

    public InvalidSettingException(string key, string problem, Exception? innerException = null)
        : base($"Setting {key} {problem}", innerException)
    {
        Key = key;
    }

    /// <summary>The full path of the setting, e.g. <c>actorvoice.engine.turn.vad-threshold</c>.</summary>
    public string Key { get; }
}
