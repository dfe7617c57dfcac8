using System.Collections.Concurrent;
using ActorVoice.Server.Sockets;

namespace ActorVoice.Server.Hosting;

/// <summary>The connected clients, for the drain (which waits for their turns and then closes them).</summary>
internal sealed class ClientRegistry
{
    private readonly ConcurrentDictionary<string, ClientConnection> _clients = new(StringComparer.Ordinal);

    public int Count => _clients.Count;

    public IReadOnlyCollection<ClientConnection> Snapshot() => [.. _clients.Values];

    public IDisposable Add(ClientConnection connection)
    {
        _clients[connection.Id] = connection;
        return new Removal(this, connection.Id);
    }

    private sealed class Removal(ClientRegistry registry, string id) : IDisposable
    {
        public void Dispose() => registry._clients.TryRemove(id, out _);
    }
}
