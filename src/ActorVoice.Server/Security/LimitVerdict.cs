namespace ActorVoice.Server.Security;

/// <summary>What the <see cref="ClientLimiter"/> says about one message: go on, or close with a code and reason.</summary>
public sealed record LimitVerdict(bool Allowed, int CloseCode, string Reason)
{
    public static readonly LimitVerdict Ok = new(true, 0, string.Empty);

    public static LimitVerdict Close(int closeCode, string reason) => new(false, closeCode, reason);
}
