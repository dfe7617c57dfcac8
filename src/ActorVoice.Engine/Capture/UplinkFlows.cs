using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorVoice.Engine.Capture;

/// <summary>Stages of the capture (uplink) stream that must never hold back the frames going to the socket.</summary>
public static class UplinkFlows
{
    /// <summary>
    /// Passes frames through unchanged and gives a copy of each to <paramref name="branch"/> on its own island (an
    /// async boundary, on <paramref name="dispatcher"/> when given) behind a buffer of <paramref name="bufferFrames"/>
    /// that drops the oldest frames when the branch lags. The branch can be slow, block, fail or cancel: the main path
    /// never waits for it.
    /// </summary>
    public static Flow<short[], short[], NotUsed> WithSideBranch(Sink<short[], NotUsed> branch, int bufferFrames, string? dispatcher)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferFrames);
        var island = dispatcher is null ? branch : branch.AddAttributes(ActorAttributes.CreateDispatcher(dispatcher));
        var side = Flow.Create<short[]>()
            .Buffer(bufferFrames, OverflowStrategy.DropHead)
            .To(island.Async());
        return Flow.Create<short[]>().AlsoTo(side);
    }
}
