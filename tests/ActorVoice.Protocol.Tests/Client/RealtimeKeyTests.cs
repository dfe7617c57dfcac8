using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Realtime;
using ActorVoice.Hosting.Sessions;
using ActorVoice.Protocol.Tests.Support;

namespace ActorVoice.Protocol.Tests.Client;

/// <summary>
/// The engine as a client of any keyed Realtime endpoint: the key's source (a named environment variable or a
/// setting) and header style (Bearer or Azure's <c>api-key</c>) come from <c>actorvoice.engine.realtime</c>; a refusal
/// names the source, never the key. Each test uses its own environment variable, so tests cannot interfere.
/// </summary>
public sealed class RealtimeKeyTests : IDisposable
{
    private const string Secret = "sk-proj-KEYTEST-must-never-be-printed-9876543210";

    private readonly string _variable = "ACTORVOICE_TEST_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public RealtimeKeyTests() => Environment.SetEnvironmentVariable(_variable, Secret);

    public void Dispose() => Environment.SetEnvironmentVariable(_variable, null);

    [Fact]
    public async Task The_bearer_style_should_send_the_named_variable_in_the_authorization_header_only()
    {
        await using var endpoint = await HeaderRecordingEndpoint.StartAsync();

        await ConnectAsync(Settings(endpoint.Uri, header: "bearer"));

        var headers = Assert.Single(endpoint.Handshakes);
        Assert.Equal("Bearer " + Secret, headers["authorization"]);
        Assert.False(headers.ContainsKey("api-key"));
    }

    [Fact]
    public async Task The_api_key_style_should_send_the_key_in_an_api_key_header_as_azure_accepts()
    {
        await using var endpoint = await HeaderRecordingEndpoint.StartAsync();

        await ConnectAsync(Settings(endpoint.Uri, header: "api-key"));

        var headers = Assert.Single(endpoint.Handshakes);
        Assert.Equal(Secret, headers["api-key"]);
        Assert.False(headers.ContainsKey("authorization"));
    }

    [Fact]
    public async Task A_key_given_in_the_settings_should_be_sent_and_named_by_its_setting()
    {
        await using var endpoint = await HeaderRecordingEndpoint.StartAsync();
        var settings = Settings(endpoint.Uri, header: "bearer") with { ApiKeyVariable = string.Empty, ApiKey = "sk-inline-key" };

        var resolved = RealtimeEndpointResolver.Remote(settings);
        await ConnectAsync(settings);

        Assert.Equal("setting actorvoice.engine.realtime.api-key", resolved.ApiKey!.Source);
        Assert.Equal("Bearer sk-inline-key", Assert.Single(endpoint.Handshakes)["authorization"]);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task A_refusal_should_name_the_variable_that_held_the_key_and_never_the_key(int status)
    {
        await using var endpoint = await HeaderRecordingEndpoint.StartAsync(refuseWith: status);

        var error = await Assert.ThrowsAsync<RealtimeConnectionException>(() => ConnectAsync(Settings(endpoint.Uri, header: "api-key")));

        Assert.Contains($"HTTP {status}", error.Message, StringComparison.Ordinal);
        Assert.Contains(_variable, error.Message, StringComparison.Ordinal);
        Assert.Contains("api-key header", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("KEYTEST", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ws://127.0.0.1:8765/v1/realtime")]
    [InlineData("wss://my-proxy.example/v1/realtime")]
    [InlineData("wss://api.openai.com.evil.example/v1/realtime")]
    [InlineData("wss://myresource.openai.azure.com/openai/realtime?api-version=2025-04-01-preview&deployment=gpt-realtime")]
    public void Another_host_should_never_get_OPENAI_API_KEY_unless_a_setting_names_it(string url)
    {
        var settings = EngineSettings.Reference.Realtime with { Url = url };

        var key = RealtimeEndpointResolver.Remote(settings).ApiKey;

        // Unconfigured, another host reads ACTORVOICE_REALTIME_KEY (or sends no key), whatever OPENAI_API_KEY holds.
        Assert.True(key is null || key.Source == "environment variable ACTORVOICE_REALTIME_KEY", key?.Source);
    }

    [Fact]
    public void A_configured_variable_that_is_not_set_should_fail_naming_it()
    {
        var missing = _variable + "_UNSET";
        var settings = EngineSettings.Reference.Realtime with { Url = "wss://myresource.openai.azure.com/openai/realtime?deployment=x", ApiKeyVariable = missing };

        var error = Assert.Throws<InvalidOperationException>(() => RealtimeEndpointResolver.Remote(settings));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("api-key-env", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_endpoint_and_key_should_print_the_source_but_never_the_key()
    {
        var endpoint = RealtimeEndpointResolver.Remote(Settings(new Uri("ws://127.0.0.1:1/v1/realtime"), header: "bearer"));

        Assert.Contains(_variable, endpoint.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, endpoint.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, endpoint.ApiKey!.ToString(), StringComparison.Ordinal);
    }

    private RealtimeSettings Settings(Uri uri, string header) =>
        EngineSettings.Reference.Realtime with { Url = uri.ToString(), ApiKeyVariable = _variable, ApiKeyHeader = header };

    private static async Task ConnectAsync(RealtimeSettings settings)
    {
        var endpoint = RealtimeEndpointResolver.Remote(settings);
        await using var connection = await RealtimeClientConnection.ConnectAsync(
            endpoint.Uri, endpoint.ApiKey, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), _ => { }, _ => { }, CancellationToken.None);
    }
}
