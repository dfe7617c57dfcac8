using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Protocol.Tests.Support;

/// <summary>
/// A keyed Realtime endpoint stand-in on a loopback WebSocket (Kestrel): it records the headers of every handshake,
/// then either refuses it with the configured HTTP status (as OpenAI answers a bad key) or accepts it and greets
/// with <c>session.created</c>.
/// </summary>
public sealed class HeaderRecordingEndpoint : IAsyncDisposable
{
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _handshakes = new();
    private readonly int? _refuseWith;
    private WebApplication? _app;

    private HeaderRecordingEndpoint(int? refuseWith) => _refuseWith = refuseWith;

    /// <summary>The endpoint's URL; its host is 127.0.0.1, never api.openai.com.</summary>
    public Uri Uri { get; private set; } = new("ws://127.0.0.1/v1/realtime");

    /// <summary>The headers of each handshake received, names lower-cased.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Handshakes => [.. _handshakes];

    public static async Task<HeaderRecordingEndpoint> StartAsync(int? refuseWith = null)
    {
        var endpoint = new HeaderRecordingEndpoint(refuseWith);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/v1/realtime", endpoint.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        endpoint.Uri = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/v1/realtime");
        endpoint._app = app;
        return endpoint;
    }

    private async Task HandleAsync(HttpContext context)
    {
        _handshakes.Enqueue(context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal));
        if (_refuseWith is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("""{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","code":"invalid_api_key"}}""");
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"session.created","event_id":"event_1","session":{"type":"realtime","id":"sess_1","object":"realtime.session"}}"""),
            WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var buffer = new byte[4096];
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
