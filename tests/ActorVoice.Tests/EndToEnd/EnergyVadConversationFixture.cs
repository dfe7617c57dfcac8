namespace ActorVoice.Tests.EndToEnd;

/// <summary>
/// The offline conversation stack with the energy VAD on both sides (engine and local server). The Silero default does
/// not take a cough for speech at all, so tests of what happens when noise IS taken for speech (false interruptions)
/// need the energy VAD to produce that case.
/// </summary>
public sealed class EnergyVadConversationFixture : OfflineConversationFixture
{
    protected override IReadOnlyList<string> ExtraSettings =>
    [
        "actorvoice.engine.turn.local-vad-kind = energy",
        "actorvoice.local-server.vad.kind = energy",
    ];
}
