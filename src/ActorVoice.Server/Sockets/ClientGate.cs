using Microsoft.AspNetCore.Http;

namespace ActorVoice.Server.Sockets;

/// <summary>
/// Admission and per-message limits of the /ws endpoint. A minimal stand-in until the Security API
/// (ActorVoice.Server.Security: ClientAdmission, ClientLimiter, ClientTokens) is merged: it refuses new sessions
/// while the host drains (4503) and bounds a message's size (1009); it does not authenticate.
/// </summary>
internal sealed class ClientGate
{
    /// <summary>Largest binary or text message accepted from a client (a second of audio is 48 000 bytes).</summary>
    public const int MaxMessageBytes = 256 * 1024;

    public const int ServerFull = 4503;
    public const int SlowReader = 4410;
    public const int MessageTooBig = 1009;
    public const int GoingAway = 1001;
    public const int InternalError = 1011;
    public const int UnsupportedData = 1003;

    private volatile bool _draining;

    public bool Draining
    {
        get => _draining;
        set => _draining = value;
    }

    /// <summary>Whether a new session may start for <paramref name="context"/>, and if not the close code and reason.</summary>
    public (bool Allowed, int CloseCode, string Reason) Check(HttpContext context) =>
        _draining ? (false, ServerFull, "the server is draining") : (true, 0, string.Empty);
}
