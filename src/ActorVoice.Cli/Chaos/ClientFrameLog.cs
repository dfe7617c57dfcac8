using System.Collections.Concurrent;
using System.Text.Json;
using ActorVoice.Cli.Chaos.Invariants;
using ActorVoice.LocalServer.Hosting;

namespace ActorVoice.Cli.Chaos;

/// <summary>
/// Watches the local server's sockets (<see cref="LocalRealtimeServer.FrameObserver"/>) and keeps each
/// <c>conversation.item.truncate</c> a client sent, in order. Called on the server's reader threads.
/// </summary>
public sealed class ClientFrameLog
{
    private const string TruncateType = "conversation.item.truncate";
    private readonly ConcurrentQueue<TruncateFrame> _truncates = new();

    public IReadOnlyList<TruncateFrame> Truncates => [.. _truncates];

    public void Observe(RealtimeFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        // Most frames are audio appends: a substring test keeps them from being parsed.
        if (!frame.FromClient || !frame.Json.Contains(TruncateType, StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            using var json = JsonDocument.Parse(frame.Json);
            var root = json.RootElement;
            if (root.TryGetProperty("type", out var type) && type.GetString() == TruncateType)
            {
                var item = root.TryGetProperty("item_id", out var id) ? id.GetString() ?? string.Empty : string.Empty;
                var end = root.TryGetProperty("audio_end_ms", out var ms) && ms.TryGetInt64(out var value) ? value : -1;
                _truncates.Enqueue(new TruncateFrame(frame.SessionId, item, end));
            }
        }
        catch (JsonException)
        {
            // Not JSON: the server answers it with an error; it is no truncate.
        }
    }
}
