using ActorVoice.Config;
using ActorVoice.Server.Security;

namespace ActorVoice.Tests.Security;

public sealed class ServeSecuritySettingsSpec
{
    [Fact]
    public void Reference_config_should_give_every_setting_a_default()
    {
        var settings = ServeSecuritySettings.Reference;

        Assert.Equal(string.Empty, settings.Security.Token);
        Assert.True(settings.Security.AllowMissingOrigin);
        Assert.Equal(100, settings.Limits.MaxSessions);
        Assert.True(settings.Limits.AudioBurstBytes >= settings.Limits.MaxFrameBytes);
        Assert.False(settings.Tls.Enabled);
    }

    [Fact]
    public void Burst_smaller_than_a_frame_should_be_refused_naming_the_key()
    {
        var error = Assert.Throws<InvalidSettingException>(() => SecurityTestSettings.With(
            "actorvoice.serve.limits { max-frame-bytes = 10000, audio-burst-bytes = 9999 }"));

        Assert.Contains("audio-burst-bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_signing_key_should_be_refused_without_repeating_it()
    {
        var error = Assert.Throws<InvalidSettingException>(() => SecurityTestSettings.With(
            "actorvoice.serve.security.signing-key = \"c2hvcnQta2V5\""));

        Assert.Contains("signing-key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2hvcnQta2V5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Certificate_without_key_should_be_refused()
    {
        Assert.Throws<InvalidSettingException>(() => SecurityTestSettings.With("actorvoice.serve.tls.certificate = \"/tmp/c.pem\""));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("https://[::1]:8443", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://10.1.2.3:5000", false)]
    [InlineData("http://assistant.example.com", false)]
    public void Binding_check_should_know_loopback_urls(string url, bool loopback)
    {
        Assert.Equal(loopback, ServeBindingCheck.IsLoopbackUrl(url));
    }

    [Fact]
    public void Server_without_a_token_should_refuse_a_public_address_and_with_one_accept_it()
    {
        var open = new ClientTokens(SecurityTestSettings.With().Security, TimeProvider.System, _ => null);
        var guarded = new ClientTokens(SecurityTestSettings.WithToken().Security, TimeProvider.System, _ => null);

        var error = Assert.Throws<InvalidOperationException>(() => ServeBindingCheck.EnsureSafe(open, ["http://127.0.0.1:5000", "http://0.0.0.0:5000"]));
        Assert.Contains("0.0.0.0", error.Message, StringComparison.Ordinal);
        ServeBindingCheck.EnsureSafe(open, ["http://127.0.0.1:5000"]);
        ServeBindingCheck.EnsureSafe(guarded, ["http://0.0.0.0:5000"]);
    }
}
