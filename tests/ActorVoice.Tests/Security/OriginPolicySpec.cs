using ActorVoice.Server.Security;

namespace ActorVoice.Tests.Security;

public sealed class OriginPolicySpec
{
    [Fact]
    public void Missing_origin_should_follow_the_setting()
    {
        Assert.True(new OriginPolicy([], allowMissingOrigin: true).IsAllowed(null, "http", "localhost:5000"));
        Assert.True(new OriginPolicy([], allowMissingOrigin: true).IsAllowed("", "http", "localhost:5000"));
        Assert.False(new OriginPolicy([], allowMissingOrigin: false).IsAllowed(null, "http", "localhost:5000"));
    }

    [Fact]
    public void Same_origin_should_be_allowed_and_other_sites_refused()
    {
        var policy = new OriginPolicy([], allowMissingOrigin: true);

        Assert.True(policy.IsAllowed("http://localhost:5000", "http", "localhost:5000"));
        Assert.True(policy.IsAllowed("HTTP://LocalHost:5000/", "http", "localhost:5000"));
        Assert.True(policy.IsAllowed("https://voice.example.com", "https", "voice.example.com:443"));
        Assert.False(policy.IsAllowed("http://evil.example", "http", "localhost:5000"));
        Assert.False(policy.IsAllowed("http://localhost:5001", "http", "localhost:5000"));
        Assert.False(policy.IsAllowed("https://localhost:5000", "http", "localhost:5000"));
        Assert.False(policy.IsAllowed("null", "http", "localhost:5000"));
    }

    [Fact]
    public void Listed_origins_should_be_allowed_with_default_ports_normalised()
    {
        var policy = new OriginPolicy(["https://kiosk.example.com:443", "http://10.0.0.5:8080"], allowMissingOrigin: false);

        Assert.True(policy.IsAllowed("https://kiosk.example.com", "http", "assistant:5000"));
        Assert.True(policy.IsAllowed("http://10.0.0.5:8080", "http", "assistant:5000"));
        Assert.False(policy.IsAllowed("http://kiosk.example.com", "http", "assistant:5000"));
        Assert.False(policy.IsAllowed("https://kiosk.example.com.evil.example", "http", "assistant:5000"));
    }

    [Fact]
    public void Wildcard_should_allow_any_origin_but_not_a_missing_one_when_that_is_off()
    {
        var policy = new OriginPolicy(["*"], allowMissingOrigin: false);

        Assert.True(policy.IsAllowed("http://anything.example", "http", "localhost:5000"));
        Assert.False(policy.IsAllowed(null, "http", "localhost:5000"));
    }
}
