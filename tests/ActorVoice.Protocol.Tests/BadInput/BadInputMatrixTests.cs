using System.Text.Json;
using ActorVoice.Protocol.Tests.Support;

namespace ActorVoice.Protocol.Tests.BadInput;

/// <summary>Runs the bad-input matrix against the real local server over loopback WebSockets.</summary>
public sealed class BadInputMatrixTests(LocalServerFixture server) : IClassFixture<LocalServerFixture>
{
    [Theory]
    [MemberData(nameof(BadInputMatrix.Names), MemberType = typeof(BadInputMatrix))]
    public async Task Bad_input_should_yield_an_error_event_and_keep_the_session_alive(string name)
    {
        var row = BadInputMatrix.Cases.Single(c => c.Name == name);
        await using var client = await RealtimeTestClient.ConnectAsync(server.Uri);
        await client.WaitForAsync("session.created");

        var eventId = client.NextEventId(name);
        await row.Act(client, eventId);
        var error = (await client.WaitForAsync("error")).GetProperty("error");

        AssertError(row, eventId, error);
        await client.AssertAliveAsync();
    }

    [Fact]
    public async Task Every_bad_input_in_a_row_should_leave_one_session_alive()
    {
        await using var client = await RealtimeTestClient.ConnectAsync(server.Uri);
        await client.WaitForAsync("session.created");

        foreach (var row in BadInputMatrix.Cases)
        {
            var eventId = client.NextEventId(row.Name);
            await row.Act(client, eventId);
            var error = (await client.WaitForAsync("error")).GetProperty("error");
            AssertError(row, eventId, error);
            await client.SendTextAsync("""{"type":"response.cancel"}""");
            await client.WaitForAsync(e => e.GetProperty("type").GetString() is "response.done" or "error", "cancel outcome");
            await client.SendTextAsync("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":{"type":"server_vad"}}}}}""");
            await client.WaitForAsync("session.updated");
        }

        await client.AssertAliveAsync();
    }

    private static void AssertError(BadInputCase row, string eventId, JsonElement error)
    {
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(row.ExpectedCode, error.GetProperty("code").GetString());
        Assert.Equal(row.ExpectedParam, StringOrNull(error, "param"));
        Assert.Equal(row.EchoesEventId ? eventId : null, StringOrNull(error, "event_id"));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        if (row.MessageContains is not null)
        {
            Assert.Contains(row.MessageContains, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
