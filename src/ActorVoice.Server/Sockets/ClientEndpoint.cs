using ActorVoice.Server.Cluster;
using ActorVoice.Server.Configuration;
using ActorVoice.Server.Hosting;
using ActorVoice.Server.Security;
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
        var security = services.GetRequiredService<ServeSecuritySettings>();
        var gate = services.GetRequiredService<ClientAdmission>();
        var cluster = services.GetRequiredService<ClusterSettings>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ActorVoice.Server.Client");

        // Token, origin, room (not draining, under max-sessions); the token's subprotocol is echoed, as browsers require.
        var admission = gate.Check(context);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = admission.Subprotocol, DangerousEnableCompression = false });
        var slot = admission.Allowed ? gate.TryAdmit() : null;
        if (admission.Allowed && slot is null)
        {
            admission = Admission.Refuse(CloseCodes.ServerFull, gate.Draining ? "server draining" : "server full", admission.Subprotocol);
        }
        else if (admission.Allowed && cluster.Enabled && !cluster.IsFront)
        {
            admission = Admission.Refuse(CloseCodes.ServerFull, "not a front node (cluster role front)", admission.Subprotocol);
        }
        else if (admission.Allowed && !assistant.IsReady)
        {
            admission = Admission.Refuse(CloseCodes.ServerFull, "the assistant is starting", admission.Subprotocol);
        }

        using (slot)
        {
            if (!admission.Allowed)
            {
                metrics.Closes.Add(1, new KeyValuePair<string, object?>("code", admission.CloseCode));
                logger.LogInformation("Refused a client from {Remote}: {CloseCode} {CloseReason}", context.Connection.RemoteIpAddress, admission.CloseCode, admission.Reason);
                await ClientClose.CloseAsync(socket, admission.CloseCode, admission.Reason, context.RequestAborted);
                return;
            }

            var id = Guid.NewGuid().ToString("N")[..12];
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["SessionId"] = id });
            using var connection = new ClientConnection(id, socket, settings, security.Limits, metrics, logger);
            using var registered = clients.Add(connection);
            using var counted = metrics.SessionOpened();
            logger.LogInformation("Client connected from {Remote}", context.Connection.RemoteIpAddress);
            await connection.RunAsync(assistant.Placement, context.RequestAborted);
        }
    }
}
