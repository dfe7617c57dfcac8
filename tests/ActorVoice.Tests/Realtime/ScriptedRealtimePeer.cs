using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Tests.Realtime;

/// <summary>
/// A scripted realtime endpoint on a loopback WebSocket: it greets with <c>session.created</c> and a malformed frame,
/// answers <c>session.update</c> as told (<c>session.updated</c> or an error), records every frame it receives, and can
/// close the connection on demand.
/// </summary>
public sealed class ScriptedRealtimePeer : IAsyncDisposable
{
    private readonly Channel<string> _received = Channel.CreateUnbounded<string>();
    private TaskCompletionSource _close = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _connections;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<WebSocket, byte> _open = new();
    private WebApplication? _app;

    private ScriptedRealtimePeer(bool rejectSessionUpdate)
    {
        RejectSessionUpdate = rejectSessionUpdate;
    }

    public bool RejectSessionUpdate { get; }

    public Uri Uri { get; private set; } = new("ws://127.0.0.1/v1/realtime");

    public ChannelReader<string> Received => _received.Reader;

    public static async Task<ScriptedRealtimePeer> StartAsync(bool rejectSessionUpdate = false)
    {
        var peer = new ScriptedRealtimePeer(rejectSessionUpdate);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/v1/realtime", peer.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        peer.Uri = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/v1/realtime");
        peer._app = app;
        return peer;
    }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Closes the server side of the open connections (later connections stay open until the next call).</summary>
    public void CloseConnection() =>
        Interlocked.Exchange(ref _close, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task HandleAsync(HttpContext context)
    {
        var close = Volatile.Read(ref _close).Task;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref _connections);
        _open[socket] = 0;
        await SendAsync(socket, """{"type":"session.created","event_id":"event_1","session":{"type":"realtime","id":"sess_1","object":"realtime.session"}}""");
        await SendAsync(socket, "this is not json");
        var buffer = new byte[1 << 20];
        var receive = socket.ReceiveAsync(buffer, CancellationToken.None);
        while (true)
        {
            var done = await Task.WhenAny(receive, close);
            if (done == close)
            {
                _open.TryRemove(socket, out _);
                await socket.CloseAsync(WebSocketCloseStatus.InternalServerError, "scripted failure", CancellationToken.None);
                return;
            }

            var result = await receive;
            if (result.MessageType == WebSocketMessageType.Close)
            {
                _open.TryRemove(socket, out _);
                await _received.Writer.WriteAsync("(closed by the client)");
                return;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
            await _received.Writer.WriteAsync(text);
            if (text.Contains("\"session.update\"", StringComparison.Ordinal))
            {
                await SendAsync(socket, RejectSessionUpdate
                    ? """{"type":"error","event_id":"event_2","error":{"type":"invalid_request_error","code":"invalid_value","message":"Unsupported voice."}}"""
                    : """{"type":"session.updated","event_id":"event_2","session":{"type":"realtime","id":"sess_1","object":"realtime.session"}}""");
            }

            receive = socket.ReceiveAsync(buffer, CancellationToken.None);
        }
    }

    /// <summary>Sends <paramref name="json"/> on every open connection (e.g. a server error the script does not produce itself).</summary>
    public async Task SendToAllAsync(string json)
    {
        foreach (var socket in _open.Keys)
        {
            await SendAsync(socket, json);
        }
    }

    private static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Volatile.Read(ref _close).TrySetResult();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
