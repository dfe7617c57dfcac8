using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using ActorVoice.Faults;

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

    /// <summary>
    /// Refuses malformed frames: a frame that is null or not <paramref name="frameSamples"/> long is reported to
    /// <paramref name="onRefused"/> (the reason, for a log line) and dropped; every other frame passes on. Bad input
    /// loses nothing else: the stream neither fails nor stalls.
    /// </summary>
    public static Flow<short[], short[], NotUsed> RefuseMalformed(int frameSamples, Action<string> onRefused)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameSamples);
        ArgumentNullException.ThrowIfNull(onRefused);
        return Flow.Create<short[]>().Where(frame =>
        {
            if (frame is not null && frame.Length == frameSamples)
            {
                return true;
            }

            onRefused(frame is null
                ? "a null frame"
                : $"a frame of {frame.Length} samples (expected {frameSamples})");
            return false;
        });
    }

    /// <summary>
    /// The capture faults of <paramref name="faults"/> (<see cref="CaptureFaultStage"/>) on a stream of frames at
    /// <paramref name="sampleRate"/>, or a pass-through when the run injects none.
    /// </summary>
    public static Flow<short[], short[], NotUsed> WithCaptureFaults(FaultInjection faults, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(faults);
        return faults.Capture is { } plan
            ? Flow.FromGraph(new CaptureFaultStage(plan, faults.NextDice(CaptureFaultStage.Edge), faults.Log, sampleRate))
            : Flow.Create<short[]>();
    }
}
