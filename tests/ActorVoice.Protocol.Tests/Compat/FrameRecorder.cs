using ActorVoice.LocalServer.Hosting;

namespace ActorVoice.Protocol.Tests.Compat;

/// <summary>Collects every frame a local server sees (both directions), thread-safely.</summary>
public sealed class FrameRecorder
{
    private readonly List<RealtimeFrame> _frames = [];
    private readonly Lock _gate = new();

    public void Record(RealtimeFrame frame)
    {
        lock (_gate)
        {
            _frames.Add(frame);
        }
    }

    public IReadOnlyList<RealtimeFrame> Frames
    {
        get
        {
            lock (_gate)
            {
                return [.. _frames];
            }
        }
    }
}
