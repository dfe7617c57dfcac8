using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ActorVoice.Server.Security;

/// <summary>
/// The tokens a client may present: the configured shared secret, or a short-lived token this process minted
/// (<see cref="Mint"/>, served by <c>POST /v1/tokens</c>), the way OpenAI's ephemeral keys let a browser connect
/// without ever holding the real key. A minted token is <c>avt1.&lt;payload&gt;.&lt;mac&gt;</c>: the payload is the
/// expiry (Unix seconds) and a random nonce, the mac an HMAC-SHA256 of the rest; nothing is stored per token.
/// </summary>
public sealed class ClientTokens
{
    private const string Prefix = "avt1.";

    // Nothing a client sends is worth more work than this; longer input is refused before any hashing.
    private const int MaxTokenLength = 512;
    private const int NonceBytes = 16;
    private const int PayloadBytes = sizeof(long) + NonceBytes;

    private readonly byte[]? _configuredHash;
    private readonly byte[] _signingKey;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;

    public ClientTokens(ClientSecuritySettings settings, TimeProvider? time = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var configured = settings.ResolveToken(environment);
        _configuredHash = configured.Length > 0 ? SHA256.HashData(Encoding.UTF8.GetBytes(configured)) : null;
        _signingKey = settings.SigningKey.Length > 0
            ? ServeSecuritySettings.SigningKeyBytes(settings.SigningKey)
              ?? throw new ArgumentException("The signing key must be base64 of at least 32 bytes.", nameof(settings))
            : RandomNumberGenerator.GetBytes(32);
        _ttl = settings.MintedTokenTtl;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Whether a shared secret is configured; without one the server admits loopback clients only.</summary>
    public bool HasConfiguredToken => _configuredHash is not null;

    /// <summary>The configured secret or an unexpired, genuine minted token.</summary>
    public bool IsValid(string? token) => IsConfiguredToken(token) || IsValidMinted(token);

    /// <summary>Whether <paramref name="token"/> is the configured secret, compared in constant time.</summary>
    public bool IsConfiguredToken(string? token)
    {
        if (_configuredHash is null || string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return false;
        }

        // Hashing first makes the comparison independent of the secret's length as well as its content.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(presented, _configuredHash);
    }

    /// <summary>A new token accepted until now + <c>minted-token-ttl</c>.</summary>
    public MintedToken Mint()
    {
        var expiresAt = _time.GetUtcNow() + _ttl;
        // Whole seconds, rounded up, so the advertised expiry is never later than the real one.
        var expiry = (expiresAt.UtcTicks + TimeSpan.TicksPerSecond - 1 - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond;
        Span<byte> payload = stackalloc byte[PayloadBytes];
        BinaryPrimitives.WriteInt64BigEndian(payload, expiry);
        RandomNumberGenerator.Fill(payload[sizeof(long)..]);
        var signed = Prefix + Base64Url.EncodeToString(payload);
        var mac = HMACSHA256.HashData(_signingKey, Encoding.ASCII.GetBytes(signed));
        return new MintedToken(signed + "." + Base64Url.EncodeToString(mac), DateTimeOffset.FromUnixTimeSeconds(expiry));
    }

    private bool IsValidMinted(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var dot = token.LastIndexOf('.');
        if (dot <= Prefix.Length)
        {
            return false;
        }

        var signed = token[..dot];
        Span<byte> mac = stackalloc byte[64];
        if (!TryDecode(token.AsSpan(dot + 1), mac, out var macLength) || macLength != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(_signingKey, Encoding.ASCII.GetBytes(signed));
        if (!CryptographicOperations.FixedTimeEquals(expected, mac[..macLength]))
        {
            return false; // forged, tampered with, or signed by another key
        }

        Span<byte> payload = stackalloc byte[PayloadBytes + 8];
        if (!TryDecode(signed.AsSpan(Prefix.Length), payload, out var payloadLength) || payloadLength != PayloadBytes)
        {
            return false;
        }

        var expiry = BinaryPrimitives.ReadInt64BigEndian(payload);
        return _time.GetUtcNow().ToUnixTimeSeconds() < expiry;
    }

    /// <summary>Base64url decoding that answers false for any malformed input (the framework throws for some).</summary>
    private static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        written = 0;
        if (!Base64Url.IsValid(text, out var length) || length > destination.Length)
        {
            return false;
        }

        return Base64Url.TryDecodeFromChars(text, destination, out written);
    }
}
