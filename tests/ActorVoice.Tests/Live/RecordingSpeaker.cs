using System.Collections.Concurrent;
using ActorVoice.Engine.Live;

namespace ActorVoice.Tests.Live;

/// <summary>A speaker that records every call in order (thread-safe) and lets a test wait for one.</summary>
internal sealed class RecordingSpeaker : IAudioOutput
{
    private readonly ConcurrentQueue<SpeakerCall> _calls = new();
    private long _samples;

    public IReadOnlyList<SpeakerCall> Calls => [.. _calls];

    public long SamplesWritten => Interlocked.Read(ref _samples);

    public void Start(string responseId) => Add(new SpeakerCall("start", responseId, 0, null));

    public void Write(string responseId, ReadOnlyMemory<short> samples)
    {
        Interlocked.Add(ref _samples, samples.Length);
        Add(new SpeakerCall("write", responseId, samples.Length, null));
    }

    public void Stop(string responseId, string reason) => Add(new SpeakerCall("stop", responseId, 0, reason));

    public void End(string responseId) => Add(new SpeakerCall("end", responseId, 0, null));

    public void Pause(string responseId) => Add(new SpeakerCall("pause", responseId, 0, null));

    public void Resume(string responseId) => Add(new SpeakerCall("resume", responseId, 0, null));

    /// <summary>Waits until a call matches <paramref name="match"/>; null when <paramref name="timeout"/> passes first.</summary>
    public async Task<SpeakerCall?> WaitForAsync(Func<SpeakerCall, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_calls.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            await Task.Delay(left < TimeSpan.FromMilliseconds(20) ? left : TimeSpan.FromMilliseconds(20));
        }
    }

    private void Add(SpeakerCall call) => _calls.Enqueue(call);
}

internal sealed record SpeakerCall(string Kind, string ResponseId, int Samples, string? Reason);
