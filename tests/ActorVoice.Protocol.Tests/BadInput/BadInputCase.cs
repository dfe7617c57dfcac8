using ActorVoice.Protocol.Tests.Support;

namespace ActorVoice.Protocol.Tests.BadInput;

/// <summary>
/// One row of the bad-input matrix: what the client does (given a fresh event id) and the error the server must
/// answer with. <see cref="ExpectedParam"/> null means the error's param must be null; <see cref="EchoesEventId"/>
/// says whether error.event_id must carry the offending event's id.
/// </summary>
public sealed record BadInputCase(
    string Name,
    string Description,
    Func<RealtimeTestClient, string, Task> Act,
    string ExpectedCode,
    string? ExpectedParam,
    bool EchoesEventId,
    string? MessageContains = null)
{
    public override string ToString() => Name;
}
