using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Remote.Hosting;
using ActorVoice.Hosting;
using ActorVoice.Hosting.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace ActorVoice.Server.Cluster;

/// <summary>
/// Cluster mode on the Step 5 host: Akka.Remote on <c>hostname:port</c>, Akka.Cluster with the seed nodes and roles,
/// the keep-majority split-brain resolver, and the voice-session shard region (a proxy on a node without the
/// <c>sessions</c> role), all through Akka.Cluster.Hosting.
/// </summary>
internal static class VoiceClusterRegistration
{
    public static ActorVoiceBuilder WithVoiceCluster(this ActorVoiceBuilder voice, ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentNullException.ThrowIfNull(settings);
        return voice.WithAkka((akka, services) =>
        {
            akka.AddHocon(FailureDetectionHocon(settings), HoconAddMode.Prepend);
            akka.WithRemoting(settings.Hostname, settings.Port);
            akka.WithClustering(new ClusterOptions
            {
                Roles = [.. settings.Roles],
                SeedNodes = [.. settings.SeedNodes],
                SplitBrainResolver = new KeepMajorityOption(),
            });
            var extractor = new SessionMessageExtractor(settings.NumberOfShards);
            if (settings.HostsSessions)
            {
                akka.WithShardRegion<SessionRegion>(
                    ClusterSettings.RegionName,
                    entityId => SessionEntityActor.Props(entityId, services.GetRequiredService<VoiceSessions>(), settings),
                    extractor,
                    new ShardOptions
                    {
                        Role = ClusterSettings.SessionsRole,
                        StateStoreMode = StateStoreMode.DData,
                        RememberEntities = false,
                        HandOffStopMessage = SessionEntityActor.HandOff.Instance,
                    });
            }
            else
            {
                akka.WithShardRegionProxy<SessionRegion>(ClusterSettings.RegionName, ClusterSettings.SessionsRole, extractor);
            }
        });
    }

    /// <summary>The failure detector and split-brain resolver timings (Akka.Cluster.Hosting sets the strategy only).</summary>
    private static string FailureDetectionHocon(ClusterSettings settings) => $$"""
        akka.cluster {
          failure-detector {
            heartbeat-interval = {{Millis(settings.FailureDetection.HeartbeatInterval)}}
            acceptable-heartbeat-pause = {{Millis(settings.FailureDetection.AcceptableHeartbeatPause)}}
          }
          split-brain-resolver.stable-after = {{Millis(settings.SplitBrainResolver.StableAfter)}}
        }
        # Live sessions are not moved to even out the nodes (a move costs the user a spoken notice): new sessions go to
        # the node with the fewest shards; only a leaving or lost node's sessions move.
        akka.cluster.sharding.least-shard-allocation-strategy {
          rebalance-threshold = 1000000
          rebalance-absolute-limit = 0
        }
        # A leaving node's sessions end their turns with the spoken notice and write their logs before their shards move.
        akka.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout = {{Millis(settings.HandoverNotice + settings.TranscriptTimeout + TimeSpan.FromSeconds(5))}}
        """;

    private static string Millis(TimeSpan value) => $"{(long)value.TotalMilliseconds}ms";
}
