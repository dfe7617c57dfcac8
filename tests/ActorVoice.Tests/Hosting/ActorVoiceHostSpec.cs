using System.Net.Sockets;
using Akka.Actor;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Hosting;
using ActorVoice.Hosting.Configuration;
using ActorVoice.Hosting.Knowledge;
using ActorVoice.Hosting.Lifetime;
using ActorVoice.Hosting.Sessions;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.Retrieval;
using ActorVoice.Retrieval.Search;
using ActorVoice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorVoice.Tests.Hosting;

/// <summary>
/// The composition root as a whole: one Generic Host with a real Lucene index on disk, the local realtime server on a
/// loopback port (Kestrel, pocketsphinx, flite) and the actor system; a session connects over a real WebSocket.
/// </summary>
[Trait("Category", "EndToEnd")]
public class ActorVoiceHostSpec
{
    [Fact]
    public async Task The_host_should_start_a_ready_session_and_release_the_actor_system_listener_index_and_knowledge_source_when_disposed()
    {
        var folder = RepoPaths.TempFolder("host");
        var docs = Directory.CreateDirectory(Path.Combine(folder, "docs")).FullName;
        await File.WriteAllTextAsync(Path.Combine(docs, "parking.md"), "# Parking\n\nStaff park in the garage on level two. Visitors use the front lot.\n");
        await File.WriteAllTextAsync(Path.Combine(docs, "lunch.md"), "# Lunch\n\nThe canteen serves lunch from noon to two, with vegetarian dishes every day.\n");
        var config = ActorVoiceConfig.Load(null,
        [
            "actorvoice.engine.retrieval.mode = bm25",
            "actorvoice.engine.knowledge.source = http",
            "actorvoice.engine.knowledge.http.url = \"http://127.0.0.1:9/answer\"",
            ActorVoiceConfig.Assign("actorvoice.engine.playback.output-dir", Path.Combine(folder, "audio")),
        ]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var host = new HostBuilder()
            .AddActorVoice(config, voice =>
            {
                voice.Status = null;
                voice.WithKnowledge(new KnowledgeOptions(Path.Combine(folder, "index"), docs))
                    .WithLocalRealtimeServer(s => s with { Port = 0 })
                    .WithVoiceEngine();
            })
            .Build();

        ActorSystem system;
        KnowledgeIndex index;
        IKnowledgeSource knowledge;
        int port;
        try
        {
            await host.StartAsync(timeout.Token);
            var server = host.Services.GetRequiredService<LocalRealtimeServer>();
            port = server.RealtimeUri.Port;
            Assert.NotEqual(0, port);
            Assert.True(await AcceptsConnectionsAsync(port), "the local server listens once the host has started");

            var session = await host.Services.GetRequiredService<VoiceSessions>().StartAsync(null, "session", timeout.Token);
            Assert.False(session.IsNobody());
            Assert.Equal(1, server.ActiveSessions);

            system = host.Services.GetRequiredService<ActorSystem>();
            index = host.Services.GetRequiredService<HostedResource<KnowledgeIndex>>().Value;
            Assert.Equal("parking.md", index.Search("where do visitors park", 1, SearchMode.Bm25).Single().Chunk.Document);
            knowledge = host.Services.GetRequiredService<IKnowledgeSource>();
            await Assert.ThrowsAsync<KnowledgeSourceException>(() => knowledge.QueryAsync("where do visitors park", false, timeout.Token));
        }
        finally
        {
            await host.StopAsync(timeout.Token);
            host.Dispose();
        }

        Assert.True(system.WhenTerminated.IsCompleted, "the actor system stops with the host");
        Assert.False(await AcceptsConnectionsAsync(port), "the Kestrel listener is closed");
        Assert.Throws<ObjectDisposedException>(() => index.Search("where do visitors park", 1, SearchMode.Bm25));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => knowledge.QueryAsync("where do visitors park", false, CancellationToken.None));
    }

    [Fact]
    public async Task A_host_that_cannot_open_its_index_should_fail_to_start_with_the_reason()
    {
        var folder = RepoPaths.TempFolder("host-missing");
        var host = new HostBuilder()
            .AddActorVoice(ActorVoiceConfig.Reference(), voice =>
            {
                voice.Status = null;
                voice.WithKnowledge(new KnowledgeOptions(Path.Combine(folder, "no-index"))).WithVoiceEngine();
            })
            .Build();
        using (host)
        {
            var error = await Assert.ThrowsAsync<FileNotFoundException>(() => host.StartAsync());
            Assert.Contains("No index in", error.Message, StringComparison.Ordinal);
        }
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
