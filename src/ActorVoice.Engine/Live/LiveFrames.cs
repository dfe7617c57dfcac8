using Akka;
using Akka.Streams.Dsl;

namespace ActorVoice.Engine.Live;

/// <summary>Stages of a live microphone stream before the uplink's VAD and recognizer (which expect fixed frames).</summary>
public static class LiveFrames
{
    /// <summary>
    /// Cuts frames of any length (a browser sends 128-sample blocks, a sound card whatever it likes) into frames of
    /// exactly <paramref name="frameSamples"/>, carrying the remainder into the next; empty and null frames vanish.
    /// </summary>
    public static Flow<short[], short[], NotUsed> Rechunk(int frameSamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameSamples);
        return Flow.Create<short[]>().StatefulSelectMany<short[], short[], short[], NotUsed>(() =>
        {
            var carry = new short[frameSamples];
            var filled = 0;
            return input =>
            {
                if (input is null || input.Length == 0)
                {
                    return [];
                }

                var output = new List<short[]>((filled + input.Length) / frameSamples);
                var offset = 0;
                while (offset < input.Length)
                {
                    var take = Math.Min(frameSamples - filled, input.Length - offset);
                    Array.Copy(input, offset, carry, filled, take);
                    filled += take;
                    offset += take;
                    if (filled == frameSamples)
                    {
                        output.Add(carry);
                        carry = new short[frameSamples];
                        filled = 0;
                    }
                }

                return output;
            };
        });
    }

    /// <summary>
    /// Passes frames through and calls <paramref name="onResync"/> with the session-audio position (ms) of a frame and
    /// the wall-clock time it arrived whenever the stream's audio clock and the wall clock part by more than
    /// <paramref name="tolerance"/>: on the first frame, and after a gap (the client paused, the network stalled). The
    /// turn maps the servers' audio positions to capture times from these points, so a gap does not skew its timeline.
    /// Called once per gap, never per frame.
    /// </summary>
    public static Flow<short[], short[], NotUsed> ClockResync(int sampleRate, long startOffsetMs, TimeSpan tolerance, Func<DateTimeOffset> now, Action<long, DateTimeOffset> onResync)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(onResync);
        return Flow.Create<short[]>().StatefulSelectMany<short[], short[], short[], NotUsed>(() =>
        {
            long samples = 0;
            DateTimeOffset? anchor = null;
            long anchorMs = 0;
            return frame =>
            {
                var positionMs = startOffsetMs + (samples * 1000 / sampleRate);
                var at = now();
                // The frame's start is at anchor + (position - anchorMs) by the audio clock; it should not arrive much later.
                if (anchor is not { } a || at - (a + TimeSpan.FromMilliseconds(positionMs - anchorMs)) > tolerance)
                {
                    anchor = at;
                    anchorMs = positionMs;
                    onResync(positionMs, at);
                }

                samples += frame.Length;
                return [frame];
            };
        });
    }
}
