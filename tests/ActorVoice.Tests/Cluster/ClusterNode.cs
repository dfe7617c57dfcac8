using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;
using ActorVoice.Cli.Runtime;
using ActorVoice.Hosting.Configuration;
using ActorVoice.Server.Cluster;
using ActorVoice.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ActorVoice.Tests.Cluster;

/// <summary>
/// One node of a test cluster in this process: the real serve host (Kestrel on a loopback port, its own actor system
/// joined over Akka.Remote on loopback) with tuned-down failure detection, recording the session entities that start
/// and stop on it (<see cref="SessionEntityEvent"/> from its event stream).
/// </summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    /// <summary>The test cluster's timings: a silent node is unreachable after 2 s and downed 3 s later.</summary>
    public static readonly TimeSpan AcceptableHeartbeatPause = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(3);

    private bool _stopped;

    private ClusterNode(string name, WebApplication app, Uri baseUri, ActorSystem system, int port)
    {
        Name = name;
        App = app;
        BaseUri = baseUri;
        System = system;
        Port = port;
        Address = AddressOf(port);
    }

    public string Name { get; }

    public WebApplication App { get; }

    public Uri BaseUri { get; }

    public Uri WebSocketUri => new($"ws://{BaseUri.Authority}/ws");

    public ActorSystem System { get; }

    public int Port { get; }

    public string Address { get; }

    public ConcurrentQueue<SessionEntityEvent> Entities { get; } = new();

    /// <summary>A node's address: its transport goes through Akka.Remote's throttler, which can black-hole it (a crash).</summary>
    public static string AddressOf(int port) => $"akka.trttl.tcp://{ClusterSettings.SystemName}@127.0.0.1:{port}";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <param name="name">For the test's output.</param>
    /// <param name="indexFolder">The index every node opens (built by the first node from <paramref name="docs"/>).</param>
    /// <param name="docs">The documents to index, for the first node only; null opens <paramref name="indexFolder"/> as it is.</param>
    /// <param name="port">Akka.Remote's port.</param>
    /// <param name="seed">The seed node's address.</param>
    /// <param name="realtime">The shared realtime server.</param>
    /// <param name="overrides">More HOCON lines (e.g. roles).</param>
    public static async Task<ClusterNode> StartAsync(string name, string indexFolder, string? docs, int port, string seed, Uri realtime, params string[] overrides)
    {
        var config = CliConfig.Load(null,
        [
            "actorvoice.engine.playback.output-dir = \"\"",
            ActorVoiceConfig.Assign("actorvoice.engine.realtime.url", realtime.ToString()),
            "actorvoice.cluster.enabled = on",
            "actorvoice.cluster.hostname = \"127.0.0.1\"",
            $"actorvoice.cluster.port = {port}",
            $"actorvoice.cluster.seed-nodes = [{ActorVoiceConfig.Quote(seed)}]",
            "actorvoice.cluster.failure-detection.heartbeat-interval = 500ms",
            $"actorvoice.cluster.failure-detection.acceptable-heartbeat-pause = {(int)AcceptableHeartbeatPause.TotalMilliseconds}ms",
            $"actorvoice.cluster.split-brain-resolver.stable-after = {(int)StableAfter.TotalMilliseconds}ms",
            "actorvoice.serve.limits.max-sessions = 100",
            "akka.remote.dot-netty.tcp.applied-adapters = [trttl]",
            .. overrides,
        ]);
        var app = ServeHost.Build(new ServeOptions(config, docs, indexFolder, "http://127.0.0.1:0")
        {
            Status = null,
            MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        });
        await app.StartAsync();
        var assistant = app.Services.GetRequiredService<AssistantHost>();
        await assistant.Ready.WaitAsync(TimeSpan.FromMinutes(3));
        var node = new ClusterNode(name, app, ServeHost.BoundUris(app)[0], assistant.System, port);
        var recorder = assistant.System.ActorOf(Props.Create(() => new EntityRecorder(node.Entities)), "entity-recorder");
        assistant.System.EventStream.Subscribe(recorder, typeof(SessionEntityEvent));
        return node;
    }

    /// <summary>Waits until the cluster, as this node sees it, has <paramref name="members"/> members up.</summary>
    public async Task WaitForMembersAsync(int members, TimeSpan timeout)
    {
        var cluster = Akka.Cluster.Cluster.Get(System);
        var deadline = DateTime.UtcNow + timeout;
        while (cluster.State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) < members)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name}: {members} members were not up within {timeout}.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// A crash: the node falls silent at once (its links to the others black-holed both ways, as a dead process's
    /// would), then its actor system ends without leaving the cluster (no coordinated shutdown, so no hand-off and no
    /// leave; the node's config turns off <c>run-by-actor-system-terminate</c>). The others only notice the silence.
    /// </summary>
    public async Task CrashAsync()
    {
        await BlackholeAsync();
        await System.Terminate();
        _stopped = true;
    }

    /// <summary>When this node's actor system ended (null while it runs).</summary>
    public DateTimeOffset? TerminatedAt { get; private set; }

    /// <summary>
    /// A partition: the node's links to the others are black-holed both ways, and it goes on running. The others down
    /// it, and it downs itself (keep-majority: it is the minority) and shuts down.
    /// </summary>
    public async Task IsolateAsync()
    {
        _ = System.WhenTerminated.ContinueWith(_ => TerminatedAt = DateTimeOffset.UtcNow, TaskScheduler.Default);
        await BlackholeAsync();
        _stopped = true;
    }

    private async Task BlackholeAsync()
    {
        var transport = ((IRemoteActorRefProvider)((ExtendedActorSystem)System).Provider).Transport;
        var self = Akka.Cluster.Cluster.Get(System).SelfAddress;
        foreach (var member in Akka.Cluster.Cluster.Get(System).State.Members.Where(m => m.Address != self))
        {
            await transport.ManagementCommand(new SetThrottle(member.Address, ThrottleTransportAdapter.Direction.Both, Blackhole.Instance));
        }
    }

    /// <summary>A graceful leave: the host stops (coordinated shutdown: shards handed off, then the node leaves).</summary>
    public async Task LeaveAsync()
    {
        await App.StopAsync();
        _stopped = true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_stopped)
            {
                await App.StopAsync();
            }
        }
        finally
        {
            await App.DisposeAsync();
        }
    }

    private sealed class EntityRecorder : ReceiveActor
    {
        public EntityRecorder(ConcurrentQueue<SessionEntityEvent> events) => Receive<SessionEntityEvent>(events.Enqueue);
    }
}
