namespace ActorVoice.LocalServer.Vad;

public enum VadTransitionKind
{
    SpeechStarted,
    SpeechStopped,
}
