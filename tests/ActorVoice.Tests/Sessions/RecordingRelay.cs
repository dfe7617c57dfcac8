using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Tests.Sessions;

/// <summary>
/// A loopback WebSocket relay between the engine and a realtime server: every frame passes unchanged both ways, and
/// what the client sends is recorded per connection (so a test can see what a new connection was seeded with).
/// </summary>
public sealed class RecordingRelay : IAsyncDisposable
{
    private WebApplication? _app;
    private int _connections;
    private readonly ConcurrentDictionary<int, WebSocket> _open = new();

    /// <summary>The server frames are relayed to; set before the first client connects.</summary>
    public Uri? Upstream { get; set; }

    public Uri Uri { get; private set; } = new("ws://127.0.0.1/v1/realtime");

    /// <summary>The client's text frames, tagged with the number of the connection (1, 2, ...).</summary>
    public ConcurrentQueue<(int Connection, string Text)> ClientFrames { get; } = new();

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connections open now.</summary>
    public int OpenConnections => _open.Count;

    /// <summary>How many frames the server sent on each connection (by number).</summary>
    public ConcurrentDictionary<int, int> ServerFrames { get; } = new();

    public static async Task<RecordingRelay> StartAsync()
    {
        var relay = new RecordingRelay();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/v1/realtime", relay.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        relay.Uri = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/v1/realtime");
        relay._app = app;
        return relay;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _connections);
        using var upstream = new ClientWebSocket();
        await upstream.ConnectAsync(new Uri(Upstream! + context.Request.QueryString.Value), context.RequestAborted);
        using var client = await context.WebSockets.AcceptWebSocketAsync();
        _open[number] = client;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var up = PumpAsync(client, upstream, text => ClientFrames.Enqueue((number, text)), stop.Token);
        var down = PumpAsync(upstream, client, _ => ServerFrames.AddOrUpdate(number, 1, (_, n) => n + 1), stop.Token);
        await Task.WhenAny(up, down);
        _open.TryRemove(number, out _);
        await stop.CancelAsync();
        upstream.Abort();
        client.Abort();
    }

    /// <summary>Drops every open connection without a close handshake (as a network failure would).</summary>
    public void DropAll()
    {
        foreach (var socket in _open.Values)
        {
            socket.Abort();
        }
    }

    private static async Task PumpAsync(WebSocket from, WebSocket to, Action<string>? record, CancellationToken cancel)
    {
        var buffer = new byte[256 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                message.SetLength(0);
                WebSocketReceiveResult result;
                do
                {
                    result = await from.ReceiveAsync(buffer, cancel);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var bytes = message.ToArray();
                record?.Invoke(System.Text.Encoding.UTF8.GetString(bytes));
                await to.SendAsync(bytes, result.MessageType, endOfMessage: true, cancel);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // One side went away: the relay ends both.
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
