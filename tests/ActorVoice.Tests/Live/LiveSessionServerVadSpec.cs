using Xunit.Abstractions;

namespace ActorVoice.Tests.Live;

/// <summary>
/// The same live conversation with the engine's own VAD off, as <c>actorvoice serve</c> runs it against the embedded
/// realtime server (<c>serve.engine-local-vad = auto</c>): the server's VAD alone starts the turn and detects the
/// barge-in that stops the answer on the speaker.
/// </summary>
public sealed class LiveSessionServerVadSpec(ITestOutputHelper output) : LiveSessionSpec(output)
{
    protected override IEnumerable<string> ExtraSettings => ["actorvoice.engine.turn.local-vad = off"];
}
