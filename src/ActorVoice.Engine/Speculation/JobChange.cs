namespace ActorVoice.Engine.Speculation;

/// <summary>What happened to a knowledge query of the <see cref="SpeculatorActor"/>.</summary>
public enum JobChange
{
    Started,
    Succeeded,
    Failed,
    Cancelled,
}
