using Microsoft.Extensions.Hosting;

namespace ActorVoice.Hosting;

/// <summary>The composition root of every ActorVoice process: one Generic Host, one lifetime.</summary>
public static class ActorVoiceHostBuilderExtensions
{
    /// <summary>
    /// Adds ActorVoice to a host, e.g.
    /// <c>new HostBuilder().AddActorVoice(config, v => v.WithKnowledge(new("index", "docs")).WithLocalRealtimeServer().WithVoiceEngine())</c>.
    /// </summary>
    /// <param name="host">The host to add to.</param>
    /// <param name="config">The composed HOCON (see <see cref="Configuration.ActorVoiceConfig.Load"/>).</param>
    /// <param name="configure">Chooses the parts: knowledge, local server, voice engine.</param>
    public static IHostBuilder AddActorVoice(this IHostBuilder host, Akka.Configuration.Config config, Action<ActorVoiceBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new ActorVoiceBuilder(config);
        configure(builder);
        builder.Apply(host);
        return host;
    }
}
