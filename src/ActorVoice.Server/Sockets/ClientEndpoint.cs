using System.Net.WebSockets;
using ActorVoice.Server.Configuration;
using ActorVoice.Server.Hosting;
using ActorVoice.Server.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Server.Sockets;

/// <summary>
/// <c>/ws</c>: one live voice session per WebSocket client (docs/client-protocol.md). A refused client is accepted
/// and then closed with a code and reason (browsers cannot read an HTTP status of a failed upgrade).
/// </summary>
public static class ClientEndpoint
{
    /// <summary>The subprotocol prefix that carries a token from browsers (which cannot set headers).</summary>
    public const string TokenSubprotocolPrefix = "actorvoice.token.";

    public static IEndpointRouteBuilder MapClientEndpoint(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.Map("/ws", HandleAsync).WithDisplayName("client websocket");
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This endpoint speaks the ActorVoice client protocol over WebSocket (docs/client-protocol.md).");
            return;
        }

        var services = context.RequestServices;
        var clients = services.GetRequiredService<ClientRegistry>();
        var assistant = services.GetRequiredService<AssistantHost>();
        var metrics = services.GetRequiredService<ServeMetrics>();
        var settings = services.GetRequiredService<ServeSettings>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ActorVoice.Server.Client");

        // A browser that offered subprotocols fails the handshake unless one is chosen: echo the token's.
        var offered = context.WebSockets.WebSocketRequestedProtocols;
        var subprotocol = offered.FirstOrDefault(p => p.StartsWith(TokenSubprotocolPrefix, StringComparison.Ordinal));
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = subprotocol, DangerousEnableCompression = false });

        var admission = clients.Gate.Check(context);
        if (admission.Allowed && !assistant.IsReady)
        {
            admission = (false, ClientGate.ServerFull, "the assistant is starting");
        }

        if (!admission.Allowed)
        {
            metrics.Closes.Add(1, new KeyValuePair<string, object?>("code", admission.CloseCode));
            logger.LogInformation("Refused a client from {Remote}: {CloseCode} {CloseReason}", context.Connection.RemoteIpAddress, admission.CloseCode, admission.Reason);
            await CloseQuietlyAsync(socket, admission.CloseCode, admission.Reason);
            return;
        }

        var id = Guid.NewGuid().ToString("N")[..12];
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SessionId"] = id });
        using var connection = new ClientConnection(id, socket, settings, metrics, logger);
        using var registered = clients.Add(connection);
        using var counted = metrics.SessionOpened();
        logger.LogInformation("Client connected from {Remote}", context.Connection.RemoteIpAddress);
        await connection.RunAsync(assistant.System, assistant.Sessions, context.RequestAborted);
    }

    private static async Task CloseQuietlyAsync(WebSocket socket, int code, string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token);
            // Wait briefly for the client's close so the close frame is not lost to a reset.
            var buffer = new byte[256];
            while (socket.State == WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client is gone already.
        }
    }
}
