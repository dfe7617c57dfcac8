namespace ActorVoice.Server.Security;

/// <summary>A short-lived client token and when it stops being accepted.</summary>
public sealed record MintedToken(string Token, DateTimeOffset ExpiresAt)
{
    /// <summary>The token is a secret: it never appears in a printed record.</summary>
    public override string ToString() => $"MintedToken {{ Token = {SecretRedactor.Mask}, ExpiresAt = {ExpiresAt:O} }}";
}
