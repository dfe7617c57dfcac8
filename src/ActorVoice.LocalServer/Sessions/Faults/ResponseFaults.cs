namespace ActorVoice.LocalServer.Sessions.Faults;

/// <summary>The faults drawn for one response: how long it stalls before its first output, and whether it is cut midway.</summary>
internal readonly record struct ResponseFaults(TimeSpan Stall, bool Cut)
{
    public static ResponseFaults None => default;
}
