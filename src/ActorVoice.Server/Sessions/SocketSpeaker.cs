using System.Runtime.InteropServices;
using ActorVoice.Engine.Live;
using ActorVoice.Server.Sockets;

namespace ActorVoice.Server.Sessions;

/// <summary>
/// A client's speaker: the session's accepted answer audio goes to the client as binary PCM16 frames between
/// <c>answer.started</c> and <c>answer.done</c> (or <c>playback.stop</c>, after which nothing more of that response is
/// sent and what is still queued is dropped). Called on the session's playback stream; never blocks.
/// </summary>
internal sealed class SocketSpeaker(IClientOutbox outbox) : IAudioOutput
{
    public void Start(string responseId) => outbox.Send(ClientEvents.AnswerStarted(outbox.Turn, responseId));

    public void Write(string responseId, ReadOnlyMemory<short> samples)
    {
        if (samples.IsEmpty)
        {
            return;
        }

        // PCM16 little-endian on the wire; the copy is the message (the engine's buffer is not ours to keep).
        var bytes = MemoryMarshal.AsBytes(samples.Span).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < bytes.Length; i += 2)
            {
                (bytes[i], bytes[i + 1]) = (bytes[i + 1], bytes[i]);
            }
        }

        outbox.SendAudio(responseId, bytes);
    }

    public void Stop(string responseId, string reason)
    {
        outbox.StopResponse(responseId);
        outbox.Send(ClientEvents.PlaybackStop(outbox.Turn, responseId, reason));
    }

    public void End(string responseId) => outbox.Send(ClientEvents.AnswerDone(outbox.Turn, responseId));

    // The client holds the audio it has (it is ahead of real time) and plays on or drops it on the next event.
    public void Pause(string responseId) => outbox.Send(ClientEvents.PlaybackPause(outbox.Turn, responseId));

    public void Resume(string responseId) => outbox.Send(ClientEvents.PlaybackResume(outbox.Turn, responseId));
}
