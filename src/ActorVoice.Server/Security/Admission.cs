namespace ActorVoice.Server.Security;

/// <summary>
/// Whether a /ws client may start a session. A refused client is still accepted as a WebSocket and then closed with
/// <see cref="CloseCode"/> and <see cref="Reason"/>, so browsers see why (a refused HTTP upgrade only shows 1006).
/// </summary>
public sealed record Admission(bool Allowed, int CloseCode, string Reason)
{
    /// <summary>
    /// The subprotocol to echo when accepting the WebSocket (the <c>actorvoice.token.*</c> one the client offered), or
    /// null. Browsers fail the handshake when they offered subprotocols and none is echoed.
    /// </summary>
    public string? Subprotocol { get; init; }

    public static Admission Allow(string? subprotocol) => new(true, 0, string.Empty) { Subprotocol = subprotocol };

    public static Admission Refuse(int closeCode, string reason, string? subprotocol) =>
        new(false, closeCode, reason) { Subprotocol = subprotocol };
}
