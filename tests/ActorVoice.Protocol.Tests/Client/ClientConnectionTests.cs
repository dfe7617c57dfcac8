using ActorVoice.Engine.Realtime;
using ActorVoice.Protocol.Tests.Support;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;

namespace ActorVoice.Protocol.Tests.Client;

/// <summary>The engine's client connection: authentication, key hygiene, decoding.</summary>
public sealed class ClientConnectionTests(SecuredServerFixture server) : IClassFixture<SecuredServerFixture>
{
    private const string SecretKey = "sk-proj-SECRET-must-never-be-printed-0123456789";

    [Fact]
    public async Task A_refused_key_should_fail_clearly_without_the_key_in_any_message()
    {
        var uri = new UriBuilder(server.PlainUri) { Query = "model=gpt-realtime" }.Uri;

        var error = await Assert.ThrowsAsync<RealtimeConnectionException>(() => RealtimeClientConnection.ConnectAsync(
            uri, Key(SecretKey), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), _ => { }, _ => { }, CancellationToken.None));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("environment variable OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_endpoint_should_fail_clearly_without_the_key_or_query_in_the_message()
    {
        var uri = new Uri("ws://127.0.0.1:1/v1/realtime?model=gpt-realtime&api_key=" + SecretKey);

        var error = await Assert.ThrowsAsync<RealtimeConnectionException>(() => RealtimeClientConnection.ConnectAsync(
            uri, Key(SecretKey), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5), _ => { }, _ => { }, CancellationToken.None));

        Assert.Contains("ws://127.0.0.1:1/v1/realtime", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_engine_connection_should_send_typed_events_and_decode_the_replies()
    {
        var events = new System.Collections.Concurrent.ConcurrentQueue<RealtimeEvent>();
        var updated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = await RealtimeClientConnection.ConnectAsync(
            server.PlainUri, Key(SecuredServerFixture.ApiKey), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10),
            e =>
            {
                events.Enqueue(e);
                if (e is SessionUpdated)
                {
                    updated.TrySetResult();
                }
            },
            _ => { },
            CancellationToken.None);

        await connection.Outgoing.WriteAsync(new SessionUpdate(new Realtime.Protocol.Session.SessionConfig { Type = "realtime", Instructions = "Be brief." }));
        await updated.Task.WaitAsync(RealtimeTestClient.DefaultWait);

        Assert.IsType<SessionCreated>(events.First());
        Assert.Equal("Be brief.", events.OfType<SessionUpdated>().Single().Session.Instructions);
    }

    private static RealtimeKey Key(string value) => new(value, RealtimeKeyHeader.Bearer, "environment variable OPENAI_API_KEY");
}
