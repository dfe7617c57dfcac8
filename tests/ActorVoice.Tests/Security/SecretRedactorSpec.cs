using ActorVoice.Server.Security;

namespace ActorVoice.Tests.Security;

public sealed class SecretRedactorSpec
{
    [Fact]
    public void Known_secrets_should_be_masked_wherever_they_appear()
    {
        var redactor = new SecretRedactor(["tok-123456789", "sk-proj-abcdefghijklmnopqrstuv", null, "abc"]);

        var text = redactor.Redact("connect with tok-123456789 (key sk-proj-abcdefghijklmnopqrstuv), abc stays");

        Assert.DoesNotContain("tok-123456789", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-proj", text, StringComparison.Ordinal);
        Assert.Contains("abc stays", text, StringComparison.Ordinal); // too short to be a secret
        Assert.Contains(SecretRedactor.Mask, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET /ws?token=opaque-value-1 HTTP/1.1", "opaque-value-1")]
    [InlineData("GET /ws?session=2&token=opaque-value-2&x=1", "opaque-value-2")]
    [InlineData("Authorization: Bearer opaque-value-3", "opaque-value-3")]
    [InlineData("Sec-WebSocket-Protocol: actorvoice.token.opaque-value-4, other", "opaque-value-4")]
    [InlineData("minted avt1.AAAAAGmF1234abcd.ZmFrZW1hYw done", "avt1.AAAAAGmF1234abcd.ZmFrZW1hYw")]
    [InlineData("OPENAI_API_KEY=sk-abcdefghijklmnopqrstuvwxyz0123", "sk-abcdefghijklmnopqrstuvwxyz0123")]
    public void Credential_shaped_values_should_be_masked_without_knowing_them(string text, string secret)
    {
        var redacted = SecretRedactor.RedactPatterns(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_redactor_should_mask_the_token_the_signing_key_and_the_openai_key()
    {
        var key = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 7)).ToArray());
        var settings = SecurityTestSettings.WithToken($"actorvoice.serve.security.signing-key = \"{key}\"").Security;
        var redactor = SecretRedactor.ForServer(settings, name => name == "OPENAI_API_KEY" ? "openai-value-that-is-secret" : null);

        var text = redactor.Redact($"{SecurityTestSettings.Token} {key} openai-value-that-is-secret");

        Assert.Equal($"{SecretRedactor.Mask} {SecretRedactor.Mask} {SecretRedactor.Mask}", text);
    }

    [Fact]
    public void Settings_and_minted_tokens_should_not_print_their_secrets()
    {
        var settings = SecurityTestSettings.WithToken();
        var minted = new ClientTokens(settings.Security).Mint();

        Assert.DoesNotContain(SecurityTestSettings.Token, settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(minted.Token, minted.ToString(), StringComparison.Ordinal);
    }
}
