using ActorVoice.Faults;

namespace ActorVoice.LocalServer.Sessions.Faults;

/// <summary>
/// The server faults of one session (<c>actorvoice.faults.server</c>): stalls and cut responses, drawn once per response
/// on the session's loop when it starts, and garbage frames, drawn per server event by the socket's writer. One random
/// stream per session for its responses (<see cref="FaultInjection.NextDice"/> of edge "server") and one derived from it
/// for its frames: the loop and the writer are different threads, so sharing one stream would make the draws depend on
/// their timing. Each stream is drawn in the order of the session's own responses or events, so the same plan, seed and
/// conversation inject the same faults. Every fault is logged.
/// A session without server faults has no instance of this class at all.
/// </summary>
internal sealed class SessionFaults(ServerFaults faults, FaultDice responses, FaultDice frames, FaultLog log)
{
    public const string Edge = "server";

    /// <summary>This session's faults, or null when the plan has none for the server (the usual case: no cost).</summary>
    public static SessionFaults? For(FaultInjection injection)
    {
        if (injection.Server is not { } server)
        {
            return null;
        }

        var responses = injection.NextDice(Edge);
        return new SessionFaults(server, responses, new FaultDice(injection.Plan.Seed, responses.Edge + "/frames"), injection.Log);
    }

    /// <summary>Draws the faults of a response as it starts. Loop only (keeps the draws in the order of the responses).</summary>
    public ResponseFaults ForResponse(string responseId)
    {
        var stall = faults.Stall > TimeSpan.Zero && responses.Roll(faults.StallRate) ? faults.Stall : TimeSpan.Zero;
        var cut = responses.Roll(faults.CutResponseRate);
        if (stall > TimeSpan.Zero)
        {
            log.Record(Edge, "stall", $"{responseId} {stall.TotalMilliseconds:0}ms");
        }

        if (cut)
        {
            log.Record(Edge, "cut-response", responseId);
        }

        return new ResponseFaults(stall, cut);
    }

    /// <summary>
    /// A garbage text frame to send before the event of type <paramref name="eventType"/> whose JSON is
    /// <paramref name="json"/>, or null. Writer only. The garbage is the event's first half: what a frame cut in transit
    /// looks like, never valid JSON.
    /// </summary>
    public string? GarbageBefore(string eventType, string json)
    {
        if (!frames.Roll(faults.GarbageFrameRate))
        {
            return null;
        }

        log.Record(Edge, "garbage-frame", eventType);
        return json[..Math.Max(1, json.Length / 2)];
    }
}
