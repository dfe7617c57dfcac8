using ActorVoice.Protocol.Tests.Support;

namespace ActorVoice.Protocol.Tests.Server;

/// <summary>How clients reach the local server: paths, query, subprotocol negotiation, the first event.</summary>
public sealed class ConnectionTests(LocalServerFixture server) : IClassFixture<LocalServerFixture>
{
    [Theory]
    [InlineData("/v1/realtime")]
    [InlineData("/realtime")]
    public async Task Both_paths_should_open_a_session_whose_first_event_is_session_created_with_the_model(string path)
    {
        var uri = new UriBuilder(server.Uri) { Path = path, Query = "model=gpt-realtime-test" }.Uri;
        await using var client = await RealtimeTestClient.ConnectAsync(uri);

        var first = await client.WaitForAsync(_ => true, "first");

        Assert.Equal("session.created", first.GetProperty("type").GetString());
        var session = first.GetProperty("session");
        Assert.Equal("gpt-realtime-test", session.GetProperty("model").GetString());
        Assert.Equal("realtime.session", session.GetProperty("object").GetString());
        Assert.StartsWith("sess_", session.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_realtime_subprotocol_should_be_echoed_only_when_offered()
    {
        await using var offered = await RealtimeTestClient.ConnectAsync(server.Uri, o => o.AddSubProtocol("realtime"));
        await using var silent = await RealtimeTestClient.ConnectAsync(server.Uri);

        Assert.Equal("realtime", offered.SubProtocol);
        Assert.Null(silent.SubProtocol);
    }
}
