using ActorVoice.Audio.Devices;
using ActorVoice.Engine.Live;

namespace ActorVoice.Cli.Talk;

/// <summary>
/// The engine's speaker on a real output device: accepted answer audio (24 kHz) is queued on a
/// <see cref="DevicePlayer"/>; a stop (barge-in, end of session) drops what is queued at once, and audio that arrives
/// for a stopped or unknown response is never played.
/// </summary>
public sealed class DeviceSpeaker(DevicePlayer player) : IAudioOutput
{
    private readonly Lock _gate = new();
    private string? _current;
    private string? _lastWritten;
    private long _writtenSamples;

    /// <summary>Answer audio (24 kHz samples) handed to the device so far.</summary>
    public long WrittenSamples => Interlocked.Read(ref _writtenSamples);

    public void Start(string responseId)
    {
        lock (_gate)
        {
            _current = responseId;
            player.Paused = false;
        }
    }

    public void Write(string responseId, ReadOnlyMemory<short> samples)
    {
        lock (_gate)
        {
            if (responseId != _current)
            {
                return;
            }

            player.Enqueue(samples.Span);
            _lastWritten = responseId;
            _writtenSamples += samples.Length;
        }
    }

    public void Stop(string responseId, string reason)
    {
        lock (_gate)
        {
            if (responseId == _current || responseId == _lastWritten)
            {
                player.Clear();
                player.Paused = false; // a stop ends a pause: the next answer plays
                _lastWritten = null;
            }

            if (responseId == _current)
            {
                _current = null;
            }
        }
    }

    public void End(string responseId)
    {
        lock (_gate)
        {
            if (responseId == _current)
            {
                // The last partial chunk plays now instead of waiting for audio that will not come.
                player.Flush();
                _current = null;
            }
        }
    }

    public void Pause(string responseId)
    {
        lock (_gate)
        {
            if (responseId == _current || responseId == _lastWritten)
            {
                player.Paused = true;
            }
        }
    }

    public void Resume(string responseId)
    {
        lock (_gate)
        {
            player.Paused = false;
        }
    }
}
