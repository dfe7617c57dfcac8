using System.Diagnostics;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace ActorVoice.Tests.Serve;

/// <summary>
/// A /ws client for tests: a real <see cref="ClientWebSocket"/>; a background loop receives every message (JSON events
/// parsed, audio counted) with the time it arrived; sends are serialised.
/// </summary>
internal sealed class ProtocolClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<ClientMessage> _messages = Channel.CreateUnbounded<ClientMessage>();
    private readonly List<ClientMessage> _seen = [];
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Task _receive = Task.CompletedTask;
    private long _audioBytes;

    public long AudioBytes => Interlocked.Read(ref _audioBytes);

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public TimeSpan Now => _clock.Elapsed;

    public static async Task<ProtocolClient> ConnectAsync(Uri uri)
    {
        var client = new ProtocolClient();
        await client._socket.ConnectAsync(uri, CancellationToken.None);
        client._receive = Task.Run(client.ReceiveAsync);
        return client;
    }

    public async Task SendTextAsync(string text)
    {
        await _send.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }

    public async Task SendAudioAsync(short[] samples)
    {
        await _send.WaitAsync();
        try
        {
            await _socket.SendAsync(MemoryMarshal.AsBytes(samples.AsSpan()).ToArray(), WebSocketMessageType.Binary, true, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The server closed the connection; the test looks at the close status.
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>The next message (in order) that matches; null when <paramref name="timeout"/> passes or the socket ends first.</summary>
    public async Task<ClientMessage?> NextAsync(Func<ClientMessage, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await _messages.Reader.WaitToReadAsync(cts.Token))
            {
                while (_messages.Reader.TryRead(out var message))
                {
                    _seen.Add(message);
                    if (match(message))
                    {
                        return message;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return null;
    }

    /// <summary>Every message taken so far (by <see cref="NextAsync"/>).</summary>
    public IReadOnlyList<ClientMessage> Seen => _seen;

    /// <summary>Waits until the server has closed the socket (or <paramref name="timeout"/> passes).</summary>
    public async Task WaitClosedAsync(TimeSpan timeout) => await _receive.WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "test done", cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        try
        {
            await _receive.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }

        _socket.Dispose();
        _send.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    Interlocked.Add(ref _audioBytes, length);
                    _messages.Writer.TryWrite(new ClientMessage("audio", null, length, Now));
                }
                else
                {
                    var json = JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
                    _messages.Writer.TryWrite(new ClientMessage(json.GetProperty("type").GetString()!, json, 0, Now));
                }
            }
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }
}

/// <summary>One message from the server: a JSON event of <paramref name="Type"/>, or audio (<c>"audio"</c>, <paramref name="Bytes"/> long).</summary>
internal sealed record ClientMessage(string Type, JsonElement? Json, int Bytes, TimeSpan At)
{
    public string? Text(string property) => Json is { } j && j.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
