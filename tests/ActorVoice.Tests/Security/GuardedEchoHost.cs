using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ActorVoice.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Tests.Security;

/// <summary>
/// A real Kestrel on loopback with a /ws endpoint built only from the Security API (admission, receiver, limiter,
/// close): the refusals' wire behaviour is checked here without the assistant behind it. Audio is counted, text must
/// be JSON with a type (ping → pong), anything else gets an error event. Logs are captured for the secrets check.
/// </summary>
internal sealed class GuardedEchoHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GuardedEchoHost(WebApplication app, Uri http, CapturedLogs logs)
    {
        _app = app;
        Http = http;
        Logs = logs;
    }

    public Uri Http { get; }

    public Uri Ws => new UriBuilder(Http) { Scheme = Http.Scheme == "https" ? "wss" : "ws", Path = "/ws" }.Uri;

    public CapturedLogs Logs { get; }

    public static async Task<GuardedEchoHost> StartAsync(ServeSecuritySettings settings)
    {
        var logs = new CapturedLogs();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        builder.WebHost.UseKestrel(k =>
        {
            k.UseServeTls(settings.Tls);
            k.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (settings.Tls.Enabled)
                {
                    listen.UseServeTls(settings.Tls);
                }
            });
        });
        builder.Services.AddServeSecurity(settings);
        var app = builder.Build();
        app.UseWebSockets();
        app.MapTokenEndpoint();
        app.Map("/ws", (HttpContext context) => HandleAsync(context, settings.Limits));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GuardedEchoHost(app, new Uri(address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext context, ClientLimitSettings limits)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var admission = context.RequestServices.GetRequiredService<ClientAdmission>();
        var verdict = admission.Check(context);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(verdict.Subprotocol);
        var ct = context.RequestAborted;
        if (!verdict.Allowed)
        {
            await ClientClose.CloseAsync(socket, verdict.CloseCode, verdict.Reason, ct);
            return;
        }

        using var slot = admission.TryAdmit();
        if (slot is null)
        {
            await ClientClose.CloseAsync(socket, CloseCodes.ServerFull, "server full", ct);
            return;
        }

        var send = new SemaphoreSlim(1, 1);
        await SendAsync(socket, send, """{"type":"session.ready","session_id":"test","sample_rate":24000}""", ct);
        var limiter = new ClientLimiter(limits);
        var receiver = new ClientReceiver(socket, limiter, limits.MaxFrameBytes);
        using var idle = new CancellationTokenSource();
        var idleWatch = WatchIdleAsync(socket, send, limiter, idle.Token);
        try
        {
            while (true)
            {
                var message = await receiver.ReceiveAsync(ct);
                switch (message.Kind)
                {
                    case ClientMessageKind.Closed:
                        // Complete the close handshake the client started.
                        await CloseAsync(socket, send, new LimitVerdict(false, (int)WebSocketCloseStatus.NormalClosure, string.Empty), reader: false);
                        return;
                    case ClientMessageKind.Refused:
                        await CloseAsync(socket, send, message.Verdict);
                        return;
                    case ClientMessageKind.Binary:
                        continue;
                }

                var type = EventType(message.Payload.Span);
                if (type == "ping")
                {
                    await SendAsync(socket, send, """{"type":"pong"}""", ct);
                    continue;
                }

                var garbage = limiter.OnGarbage();
                if (!garbage.Allowed)
                {
                    await CloseAsync(socket, send, garbage);
                    return;
                }

                await SendAsync(socket, send, """{"type":"error","code":"invalid_event","message":"not a known JSON event"}""", ct);
            }
        }
        finally
        {
            await idle.CancelAsync();
            await idleWatch;
        }
    }

    private static string? EventType(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out var type)
                ? type.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null; // also invalid UTF-8
        }
    }

    private static async Task WatchIdleAsync(WebSocket socket, SemaphoreSlim send, ClientLimiter limiter, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                var verdict = limiter.CheckIdle(now);
                if (!verdict.Allowed)
                {
                    await CloseAsync(socket, send, verdict, reader: false);
                    return;
                }

                await Task.Delay(limiter.IdleRemaining(now) + TimeSpan.FromMilliseconds(10), ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task SendAsync(WebSocket socket, SemaphoreSlim send, string json, CancellationToken ct)
    {
        await send.WaitAsync(ct);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, ct);
        }
        finally
        {
            send.Release();
        }
    }

    /// <summary>Closes from the receive loop: sends the close under the send lock, then drains (this side is the reader).</summary>
    private static async Task CloseAsync(WebSocket socket, SemaphoreSlim send, LimitVerdict verdict, bool reader = true)
    {
        await send.WaitAsync();
        try
        {
            await ClientClose.CloseAsync(socket, verdict.CloseCode, verdict.Reason, TimeSpan.Zero, CancellationToken.None);
        }
        finally
        {
            send.Release();
        }

        if (reader)
        {
            await ClientClose.DrainAsync(socket, ClientClose.DefaultDrain, CancellationToken.None);
        }
    }
}
