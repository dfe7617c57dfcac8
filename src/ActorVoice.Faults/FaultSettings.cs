namespace ActorVoice.Faults;

/// <summary>The scalar sections of <c>actorvoice.faults</c>, read by the settings binder (crashes are read by <see cref="FaultPlan"/>).</summary>
public sealed record FaultSettings
{
    public required bool Enabled { get; init; }

    public required int Seed { get; init; }

    public required SocketFaults Socket { get; init; }

    public required ServerFaults Server { get; init; }

    public required KnowledgeFaults Knowledge { get; init; }

    public required CaptureFaults Capture { get; init; }

    public required PlaybackFaults Playback { get; init; }
}
