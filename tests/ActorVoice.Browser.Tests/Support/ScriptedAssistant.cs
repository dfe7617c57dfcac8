using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ActorVoice.Server.Page;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Browser.Tests.Support;

/// <summary>
/// Real Kestrel serving the real page, with a /ws peer that plays the server's side of the client protocol from a
/// script, so the page's handling of events the real engine produces only by chance (a barge-in while a long answer
/// is queued) can be checked exactly. The test drives the script step by step through <see cref="SendAsync"/>.
/// </summary>
internal sealed class ScriptedAssistant : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource<WebSocket> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private long _microphoneBytes;

    private readonly (WebSocketCloseStatus Code, string Reason)? _refusal;

    private ScriptedAssistant(WebApplication app, (WebSocketCloseStatus, string)? refusal)
    {
        _app = app;
        _refusal = refusal;
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The subprotocols the page offered on the upgrade.</summary>
    public IReadOnlyList<string> OfferedProtocols { get; private set; } = [];

    /// <summary>Bytes of binary (microphone) messages received so far.</summary>
    public long MicrophoneBytes => Interlocked.Read(ref _microphoneBytes);

    /// <summary>Text messages the page sent.</summary>
    public List<string> ClientEvents { get; } = [];

    /// <param name="refusal">When set, every session is accepted and closed at once with this code and reason, as the
    /// server refuses a client (4401 unauthorized, 4503 full…).</param>
    public static async Task<ScriptedAssistant> StartAsync((WebSocketCloseStatus Code, string Reason)? refusal = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var assistant = new ScriptedAssistant(app, refusal);
        app.UseWebSockets();
        app.MapAssistantPage();
        app.Map("/ws", assistant.AcceptAsync);
        await app.StartAsync();
        assistant.BaseUri = new Uri(app.Urls.First() + "/");
        return assistant;
    }

    public Task<WebSocket> Connected => _connected.Task;

    public async Task SendAsync(object serverEvent)
    {
        var socket = await Connected;
        await SendRawAsync(socket, JsonSerializer.SerializeToUtf8Bytes(serverEvent), WebSocketMessageType.Text);
    }

    /// <summary>Sends PCM16 audio (24 kHz mono, little-endian) as binary messages of at most <paramref name="frameSamples"/>.</summary>
    public async Task SendAudioAsync(short[] samples, int frameSamples)
    {
        var socket = await Connected;
        for (var offset = 0; offset < samples.Length; offset += frameSamples)
        {
            var count = Math.Min(frameSamples, samples.Length - offset);
            var bytes = new byte[count * 2];
            Buffer.BlockCopy(samples, offset * 2, bytes, 0, bytes.Length);
            await SendRawAsync(socket, bytes, WebSocketMessageType.Binary);
        }
    }

    private async Task SendRawAsync(WebSocket socket, byte[] payload, WebSocketMessageType type)
    {
        await _sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(payload, type, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        OfferedProtocols = [.. context.WebSockets.WebSocketRequestedProtocols];
        // A browser that offered a subprotocol fails the handshake unless the server selects one of them.
        using var socket = await context.WebSockets.AcceptWebSocketAsync(OfferedProtocols.Count > 0 ? OfferedProtocols[0] : null);
        _connected.TrySetResult(socket);
        if (_refusal is { } refusal)
        {
            await socket.CloseAsync(refusal.Code, refusal.Reason, CancellationToken.None);
            _closed.TrySetResult();
            return;
        }

        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    Interlocked.Add(ref _microphoneBytes, result.Count);
                }
                else
                {
                    lock (ClientEvents)
                    {
                        ClientEvents.Add(Encoding.UTF8.GetString(buffer, 0, result.Count));
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The page went away.
        }
        finally
        {
            _closed.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _sendLock.Dispose();
    }
}
