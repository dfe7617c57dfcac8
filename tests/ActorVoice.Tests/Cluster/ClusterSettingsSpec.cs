using Akka.Configuration;
using ActorVoice.Config;
using ActorVoice.Server.Cluster;

namespace ActorVoice.Tests.Cluster;

public sealed class ClusterSettingsSpec
{
    [Fact]
    public void Cluster_mode_is_off_by_default_and_every_key_has_a_documented_default()
    {
        var settings = ClusterSettings.Reference;

        Assert.False(settings.Enabled);
        Assert.Equal([ClusterSettings.FrontRole, ClusterSettings.SessionsRole], settings.Roles);
        Assert.True(settings.IsFront && settings.HostsSessions);
        Assert.Empty(settings.SeedNodes);
        Assert.Equal("keep-majority", settings.SplitBrainResolver.ActiveStrategy);
        Assert.True(settings.FailureDetection.AcceptableHeartbeatPause > settings.FailureDetection.HeartbeatInterval);
    }

    [Fact]
    public void Seeds_and_roles_are_read_from_the_config()
    {
        var settings = ClusterSettings.Create(ConfigurationFactory.ParseString("""
            actorvoice.cluster { enabled = on, port = 4055, roles = [sessions], seed-nodes = ["akka.tcp://actorvoice@10.0.0.1:4053"] }
            """));

        Assert.True(settings.Enabled);
        Assert.Equal(4055, settings.Port);
        Assert.False(settings.IsFront);
        Assert.True(settings.HostsSessions);
        Assert.Equal(["akka.tcp://actorvoice@10.0.0.1:4053"], settings.SeedNodes);
    }

    [Fact]
    public void An_unknown_role_is_refused_with_its_key_named()
    {
        var error = Assert.Throws<InvalidSettingException>(() => ClusterSettings.Create(ConfigurationFactory.ParseString("actorvoice.cluster.roles = [frontend]")));

        Assert.Contains("actorvoice.cluster.roles", error.Message, StringComparison.Ordinal);
        Assert.Contains("frontend", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_split_brain_strategy_is_refused()
    {
        var error = Assert.Throws<InvalidSettingException>(() => ClusterSettings.Create(ConfigurationFactory.ParseString("actorvoice.cluster.split-brain-resolver.active-strategy = keep-oldest")));

        Assert.Contains("active-strategy", error.Message, StringComparison.Ordinal);
    }
}
