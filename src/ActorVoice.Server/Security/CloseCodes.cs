namespace ActorVoice.Server.Security;

/// <summary>
/// WebSocket close codes of the client protocol's refusals (4000-4999 are the application's own range; the last
/// three digits echo the matching HTTP status). 1009 and 1003 are the standard codes for too big and unsupported data.
/// </summary>
public static class CloseCodes
{
    public const int Unauthorized = 4401;
    public const int OriginNotAllowed = 4403;
    public const int IdleTimeout = 4408;
    public const int SlowReader = 4410;
    public const int RateLimited = 4429;
    public const int ServerFull = 4503;

    /// <summary>RFC 6455 "message too big".</summary>
    public const int MessageTooBig = 1009;

    /// <summary>RFC 6455 "unsupported data" (after repeated garbage).</summary>
    public const int UnsupportedData = 1003;
}
