namespace ActorVoice.Faults;

/// <summary>Thrown where a fault plan makes a part fail (an actor crash, a knowledge query, a device).</summary>
public sealed class InjectedFaultException : Exception
{
    public InjectedFaultException()
        : base("injected fault")
    {
    }

    public InjectedFaultException(string message)
        : base(message)
    {
    }

    public InjectedFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
