namespace ActorVoice.Audio.Vad;

public enum VadTransitionKind
{
    SpeechStarted,
    SpeechStopped,
}
