using ActorVoice.Server.Security;

namespace ActorVoice.Tests.Security;

public sealed class ClientTokensSpec
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private static ClientTokens Tokens(ManualClock clock, params string[] overrides) =>
        new(SecurityTestSettings.WithToken(overrides).Security, clock, _ => null);

    [Fact]
    public void Configured_token_should_be_valid_and_any_other_text_not()
    {
        var tokens = Tokens(new ManualClock(Start));

        Assert.True(tokens.HasConfiguredToken);
        Assert.True(tokens.IsValid(SecurityTestSettings.Token));
        Assert.False(tokens.IsValid(SecurityTestSettings.Token + "x"));
        Assert.False(tokens.IsValid(SecurityTestSettings.Token[..^1]));
        Assert.False(tokens.IsValid("S3CRET-TOKEN-FOR-TESTS"));
        Assert.False(tokens.IsValid(string.Empty));
        Assert.False(tokens.IsValid(null));
        Assert.False(tokens.IsValid(new string('a', 100_000)));
    }

    [Fact]
    public void Minted_token_should_be_valid_until_its_ttl_and_refused_after()
    {
        var clock = new ManualClock(Start);
        var tokens = Tokens(clock, "actorvoice.serve.security.minted-token-ttl = 5m");

        var minted = tokens.Mint();

        Assert.Equal(Start + TimeSpan.FromMinutes(5), minted.ExpiresAt);
        Assert.True(tokens.IsValid(minted.Token));
        Assert.False(tokens.IsConfiguredToken(minted.Token)); // a minted token cannot mint more
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.True(tokens.IsValid(minted.Token));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(tokens.IsValid(minted.Token));
    }

    [Fact]
    public void Minted_tokens_should_differ_each_time()
    {
        var tokens = Tokens(new ManualClock(Start));

        Assert.NotEqual(tokens.Mint().Token, tokens.Mint().Token);
    }

    [Fact]
    public void Forged_token_should_be_refused_whether_payload_or_mac_is_changed()
    {
        var clock = new ManualClock(Start);
        var tokens = Tokens(clock);
        var token = tokens.Mint().Token;
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);

        // Another expiry (far in the future) with the original mac.
        var later = Tokens(new ManualClock(Start.AddYears(1))).Mint().Token.Split('.');
        Assert.False(tokens.IsValid($"{parts[0]}.{later[1]}.{parts[2]}"));
        // One character of the mac changed.
        var mac = parts[2].ToCharArray();
        mac[5] = mac[5] == 'A' ? 'B' : 'A';
        Assert.False(tokens.IsValid($"{parts[0]}.{parts[1]}.{new string(mac)}"));
        // Truncated, extended, wrong prefix, garbage.
        Assert.False(tokens.IsValid(token[..^2]));
        Assert.False(tokens.IsValid(token + "AA"));
        Assert.False(tokens.IsValid("avt2" + token[4..]));
        Assert.False(tokens.IsValid("avt1.!!!.???"));
        Assert.False(tokens.IsValid("avt1."));
        Assert.True(tokens.IsValid(token));
    }

    [Fact]
    public void Token_minted_with_another_key_should_be_refused()
    {
        var clock = new ManualClock(Start);
        var one = Tokens(clock);
        var other = Tokens(clock);

        Assert.False(one.IsValid(other.Mint().Token));
    }

    [Fact]
    public void Tokens_signed_with_the_same_configured_key_should_be_accepted_by_both_hosts()
    {
        var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var clock = new ManualClock(Start);
        var one = Tokens(clock, $"actorvoice.serve.security.signing-key = \"{key}\"");
        var other = Tokens(clock, $"actorvoice.serve.security.signing-key = \"{key}\"");

        Assert.True(one.IsValid(other.Mint().Token));
    }

    [Fact]
    public void Token_should_come_from_the_environment_variable_when_none_is_configured()
    {
        var settings = SecurityTestSettings.With().Security;
        var tokens = new ClientTokens(settings, TimeProvider.System, name => name == "ACTORVOICE_TOKEN" ? "from-env-123" : null);
        var none = new ClientTokens(settings, TimeProvider.System, _ => null);

        Assert.True(tokens.IsValid("from-env-123"));
        Assert.False(none.HasConfiguredToken);
        Assert.False(none.IsValid("from-env-123"));
    }
}
