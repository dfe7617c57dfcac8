using ActorVoice.Engine.Realtime;
using ActorVoice.Realtime.Protocol.Events;

namespace ActorVoice.Tests.Realtime;

/// <summary>Control events never wait behind audio and are never dropped.</summary>
public class OutgoingEventsSpec
{
    [Fact]
    public async Task A_control_event_should_go_before_a_full_audio_queue_and_never_be_dropped()
    {
        var outgoing = new OutgoingEvents(audioCapacity: 8);
        for (var i = 0; i < 8; i++)
        {
            Assert.True(outgoing.Audio.TryWrite(new InputAudioBufferAppend($"frame{i}")));
        }

        Assert.False(outgoing.Audio.TryWrite(new InputAudioBufferAppend("one too many")));
        Assert.True(outgoing.Control.TryWrite(new ResponseCancel { ResponseId = "resp_1" }));
        Assert.True(outgoing.Control.TryWrite(new InputAudioBufferCommit()));

        Assert.IsType<ResponseCancel>(await outgoing.ReadAsync(CancellationToken.None));
        Assert.IsType<InputAudioBufferCommit>(await outgoing.ReadAsync(CancellationToken.None));
        Assert.Equal("frame0", Assert.IsType<InputAudioBufferAppend>(await outgoing.ReadAsync(CancellationToken.None)).Audio);
    }

    [Fact]
    public async Task A_waiting_reader_should_take_a_control_event_written_while_it_waits_and_end_when_both_queues_complete()
    {
        var outgoing = new OutgoingEvents(audioCapacity: 4);
        var next = outgoing.ReadAsync(CancellationToken.None).AsTask();
        Assert.False(next.IsCompleted);
        outgoing.Control.TryWrite(new InputAudioBufferClear());
        Assert.IsType<InputAudioBufferClear>(await next);

        outgoing.Audio.TryWrite(new InputAudioBufferAppend("last"));
        outgoing.Complete();
        Assert.IsType<InputAudioBufferAppend>(await outgoing.ReadAsync(CancellationToken.None));
        Assert.Null(await outgoing.ReadAsync(CancellationToken.None));
    }
}
