namespace ActorVoice.Server.Sockets;

/// <summary>One message for a client: a JSON event (text) or answer audio (binary, of <paramref name="ResponseId"/>).</summary>
internal sealed record OutgoingMessage(ReadOnlyMemory<byte> Data, bool Binary, string? ResponseId = null);
