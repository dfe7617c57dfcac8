using System.Net.Security;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ActorVoice.Tests.Security;

/// <summary>A real ClientWebSocket with helpers to read events and the close a server sends.</summary>
internal sealed class WsTestClient : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private WsTestClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    public List<JsonElement> Events { get; } = [];

    public static async Task<WsTestClient> ConnectAsync(
        Uri ws, string? queryToken = null, string? subprotocolToken = null, string? bearer = null, string? origin = null,
        RemoteCertificateValidationCallback? certificates = null)
    {
        var socket = new ClientWebSocket();
        if (subprotocolToken is not null)
        {
            socket.Options.AddSubProtocol("actorvoice.token." + subprotocolToken);
        }

        if (bearer is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        }

        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        if (certificates is not null)
        {
            socket.Options.RemoteCertificateValidationCallback = certificates;
        }

        var uri = queryToken is null ? ws : new UriBuilder(ws) { Query = "token=" + Uri.EscapeDataString(queryToken) }.Uri;
        using var timeout = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(uri, timeout.Token);
        return new WsTestClient(socket);
    }

    /// <summary>Reads events until one of <paramref name="type"/> arrives; null when the socket closed first.</summary>
    public async Task<JsonElement?> ReadEventAsync(string type)
    {
        while (await ReadAsync() is { } e)
        {
            if (e.GetProperty("type").GetString() == type)
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>Reads until the server closes; the close status the server sent.</summary>
    public async Task<(int? Code, string? Reason)> ReadCloseAsync()
    {
        while (await ReadAsync() is not null)
        {
        }

        if (Socket.State == WebSocketState.CloseReceived)
        {
            // Answer the close as browsers do, so the server's drain ends at once.
            try
            {
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }

        return ((int?)Socket.CloseStatus, Socket.CloseStatusDescription);
    }

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task<bool> SendAsync(byte[] bytes, WebSocketMessageType type)
    {
        try
        {
            using var timeout = new CancellationTokenSource(Patience);
            await Socket.SendAsync(bytes, type, true, timeout.Token);
            return true;
        }
        catch (WebSocketException)
        {
            return false; // the server closed it meanwhile
        }
    }

    public void Dispose() => Socket.Dispose();

    private async Task<JsonElement?> ReadAsync()
    {
        var buffer = new byte[1 << 16];
        using var timeout = new CancellationTokenSource(Patience);
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await Socket.ReceiveAsync(buffer, timeout.Token);
            }
            catch (WebSocketException)
            {
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            if (result.MessageType == WebSocketMessageType.Binary)
            {
                message.SetLength(0);
                continue;
            }

            var e = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            Events.Add(e);
            return e;
        }
    }
}
