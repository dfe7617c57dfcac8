namespace ActorVoice.Server.Security;

/// <summary>What <see cref="ClientReceiver.ReceiveAsync"/> got from a client.</summary>
public enum ClientMessageKind
{
    /// <summary>Microphone audio (PCM16 LE mono 24 kHz).</summary>
    Binary,

    /// <summary>A text frame (UTF-8 validity is the caller's check).</summary>
    Text,

    /// <summary>The client closed the socket (or it broke).</summary>
    Closed,

    /// <summary>The limiter refused the message: close with <see cref="ClientMessage.Verdict"/>.</summary>
    Refused,
}

/// <summary>
/// One complete client message. <see cref="Payload"/> is valid until the next receive on the same
/// <see cref="ClientReceiver"/> (its buffer is reused): copy what must outlive it.
/// </summary>
public readonly record struct ClientMessage(ClientMessageKind Kind, ReadOnlyMemory<byte> Payload, LimitVerdict Verdict, long ReceivedTicks);
