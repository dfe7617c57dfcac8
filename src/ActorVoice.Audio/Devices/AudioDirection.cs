namespace ActorVoice.Audio.Devices;

/// <summary>Which way audio flows through a device.</summary>
public enum AudioDirection
{
    /// <summary>Capture: a microphone.</summary>
    Input,

    /// <summary>Playback: a speaker.</summary>
    Output,
}
